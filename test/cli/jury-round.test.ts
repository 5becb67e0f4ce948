/**
 * The jury's whole round (issue 17): assign → sheets → the sheets filled as jurors would →
 * collect → score with the grades. A conflict respected, a disagreement flagged, a missing grade
 * that leaves a dossier incomplete, and each problem of a filled sheet located.
 */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { browserPath } from '../helpers/browser.js';
import { tempDir, tnl } from '../helpers/cli.js';

type ExcelJs = typeof import('exceljs');
const excel = async (): Promise<ExcelJs> => ((await import('exceljs')) as unknown as { default: ExcelJs }).default;
const exportFile = 'fixtures/ds-2024.json';
const jurors = 'fixtures/jures-2024.yaml';

/** Fills a sheet: each grade cell gets grade(dossier, criterion, juror), or stays empty for undefined. */
async function fill(
  file: string,
  grade: (dossier: string, criterion: string, juror: string) => number | undefined,
  extra?: (ws: import('exceljs').Worksheet) => void,
) {
  const ExcelJS = await excel();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet('Notes')!;
  const juror = String(ws.getCell(1, 2).value);
  ws.eachRow((row, n) => {
    if (n <= 4) return;
    const g = grade(String(row.getCell(1).value), String(row.getCell(3).value), juror);
    if (g !== undefined) row.getCell(5).value = g;
  });
  extra?.(ws);
  await wb.xlsx.writeFile(file);
  return { wb, juror };
}

describe('the jury’s round', () => {
  it('assign → sheets → filled sheets → collect → score --grades', async () => {
    const dir = tempDir();
    const assignment = join(dir, 'affectation.yaml');
    const common = ['--edition', '2024', '--jurors', jurors];
    expect((await tnl(['jury', 'assign', exportFile, ...common, '--out', assignment])).code).toBe(0);
    // The conflict: Claire Garnier (Ville de Grenoble, Isère) never grades an Isère dossier.
    expect(readFileSync(assignment, 'utf8')).not.toMatch(/"(118391|118408|118425|118493|118510|118612|118731)": \[[^\]]*cgarnier/);

    const sheets = join(dir, 'grilles');
    const written = await tnl(['jury', 'sheets', exportFile, ...common, '--assignment', assignment, '--out', sheets, '--sans-cahier']);
    expect(written.code, written.stderr).toBe(0);
    expect(readdirSync(sheets).sort()).toEqual([
      'grille-cgarnier.xlsx',
      'grille-lbernard.xlsx',
      'grille-mrobert.xlsx',
      'grille-pmoreau.xlsx',
      'grille-tnguyen.xlsx',
    ]);

    // The grade cells are restricted to the scale, the answers to read and the link are beside them.
    const ExcelJS = await excel();
    const check = new ExcelJS.Workbook();
    await check.xlsx.readFile(join(sheets, 'grille-lbernard.xlsx'));
    const notes = check.getWorksheet('Notes')!;
    expect(notes.getCell(5, 5).dataValidation).toMatchObject({ type: 'whole', operator: 'between', formulae: [0, 4] });
    expect(String(notes.getCell(5, 7).value)).toMatch(/—/);
    expect(JSON.stringify(notes.getCell(5, 8).value)).toMatch(/https:\/\/demarches\.adullact\.org\/procedures\/\d+\/dossiers\/\d+/);

    // Jurors grade: 3 everywhere, except a disagreement on 118357 and no grade at all for 118374's actions.
    const assigned = readFileSync(assignment, 'utf8');
    const first = /"118357": \[(\w+), (\w+)\]/.exec(assigned)!;
    const grade = (dossier: string, criterion: string, juror: string) =>
      dossier === '118374' && criterion === 'ecosysteme.qualite_actions'
        ? undefined
        : dossier === '118357' && criterion === 'strategie.qualite_strategie'
          ? juror === first[1]
            ? 0
            : 4
          : 3;
    for (const f of readdirSync(sheets)) await fill(join(sheets, f), grade);
    // One juror sends a CSV saved from the workbook instead.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(sheets, 'grille-tnguyen.xlsx'));
    const csv = join(sheets, 'grille-tnguyen.csv');
    await wb.csv.writeFile(csv, { sheetName: 'Notes', formatterOptions: { delimiter: ';' } });
    const files = ['cgarnier', 'lbernard', 'mrobert', 'pmoreau'].map((j) => join(sheets, `grille-${j}.xlsx`)).concat(csv);

    const gradesFile = join(dir, 'notes.yaml');
    const collected = await tnl(['jury', 'collect', exportFile, ...files, ...common, '--assignment', assignment, '--out', gradesFile]);
    expect(collected.code, collected.stderr).toBe(0);
    expect(collected.stderr).toMatch(/dossier 118357, critère « strategie\.qualite_strategie » : désaccord entre jurés \(\w+ 0, \w+ 4 ; écart 4, seuil 2\)/);
    expect(collected.stderr).toMatch(/dossier 118374, critère « ecosysteme\.qualite_actions » : aucune note — le total du dossier sera incomplet/);
    expect(collected.stderr).toMatch(/1 désaccord à discuter ; 1 dossier sans toutes ses notes/);
    const grades = readFileSync(gradesFile, 'utf8');
    expect(grades).toMatch(/^ {4}strategie\.qualite_strategie: \{ grade: 2, jurors: \{ \w+: 0, \w+: 4 \}, disagreement: true \}$/m);

    const without = JSON.parse((await tnl(['score', exportFile, '--edition', '2024', '--format', 'json'])).stdout);
    const scored = await tnl(['score', exportFile, '--edition', '2024', '--grades', gradesFile, '--format', 'json']);
    expect(scored.code, scored.stderr).toBe(0);
    const withGrades = JSON.parse(scored.stdout) as { dossiers: { number: string; status?: string; incomplete?: string[]; total: number }[] };
    const byNumber = new Map(withGrades.dossiers.map((d) => [d.number, d]));
    expect(byNumber.get('118374')).toMatchObject({ status: 'incomplete', incomplete: ['ecosysteme.qualite_actions'] });
    expect(withGrades.dossiers.filter((d) => d.status === 'incomplete').map((d) => d.number)).toEqual(['118374']);
    expect(without.dossiers.every((d: { status?: string }) => d.status === 'incomplete')).toBe(true);
    expect(scored.stderr).toMatch(/total incomplet pour 1 dossier sur 24 : notes? du jury manquantes? pour « ecosysteme\.qualite_actions »/);

    // Staff see each juror's grade in explain; a fiche shows none of them.
    const explained = await tnl(['explain', exportFile, '--edition', '2024', '--grades', gradesFile, '--dossier', '118357']);
    expect(explained.stdout).toMatch(/\| Qualité de la stratégie <br>`strategie\.qualite_strategie` \| 2 \| \w+ 0, \w+ 4 \| 3 \/ 6 \|/);
    const fiches = tempDir();
    await tnl(['fiches', exportFile, '--edition', '2024', '--grades', gradesFile, '--format', 'md', '--out', fiches, '--quiet']);
    const all = readdirSync(fiches)
      .map((f) => readFileSync(join(fiches, f), 'utf8'))
      .join('\n');
    for (const id of ['cgarnier', 'lbernard', 'mrobert', 'pmoreau', 'tnguyen', 'Garnier', 'Bernard']) expect(all).not.toContain(id);
    // The applicant sees the grade the jury kept for each criterion (118357: the median of 0 and 4).
    const colomiers = readdirSync(fiches).find((f) => f.startsWith('118357'))!;
    expect(readFileSync(join(fiches, colomiers), 'utf8')).toMatch(
      /## L’appréciation du jury\n\n\| Critère \| Note \|\n\|---\|---:\|\n\| Qualité de la stratégie \| 2 \/ 4 \|/,
    );
  });

  it('locates every problem of the filled sheets, and writes no grades file', async () => {
    const dir = tempDir();
    const assignment = join(dir, 'affectation.yaml');
    const common = ['--edition', '2024', '--jurors', jurors];
    await tnl(['jury', 'assign', exportFile, ...common, '--out', assignment]);
    const sheets = join(dir, 'grilles');
    await tnl(['jury', 'sheets', exportFile, ...common, '--assignment', assignment, '--out', sheets, '--sans-cahier']);
    const file = join(sheets, 'grille-cgarnier.xlsx');
    await fill(
      file,
      (_d, criterion) => (criterion === 'strategie.qualite_strategie' ? 7 : 2),
      (ws) => {
        const last = ws.rowCount + 1;
        ws.getCell(last, 1).value = '118510'; // Grenoble: Claire Garnier is not assigned (conflict)
        ws.getCell(last, 3).value = 'strategie.qualite_strategie';
        ws.getCell(last, 5).value = 3;
        ws.getCell(last + 1, 1).value = '999999';
        ws.getCell(last + 1, 3).value = 'strategie.qualite_strategie';
      },
    );
    const changed = join(sheets, 'grille-lbernard.xlsx');
    await fill(
      changed,
      () => 1,
      (ws) => (ws.getCell(4, 5).value = 'Ma note'),
    );
    const out = join(dir, 'notes.yaml');
    const r = await tnl(['jury', 'collect', exportFile, file, changed, ...common, '--assignment', assignment, '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/grille-cgarnier\.xlsx, feuille « Notes », cellule E5 : note « 7 » hors de l’échelle \(un nombre entier de 0 à 4\)/);
    expect(r.stderr).toMatch(/cellule A\d+ : cgarnier n’est pas affecté au dossier 118510 : sa note n’est pas retenue/);
    expect(r.stderr).toMatch(/cellule A\d+ : dossier « 999999 » absent de l’affectation/);
    expect(r.stderr).toMatch(/grille-lbernard\.xlsx, feuille « Notes », cellule E4 : structure de la grille modifiée : « Note » attendu, « Ma note » trouvé/);
    expect(r.stderr).toMatch(/le fichier des notes n’est pas écrit/);
    expect(readdirSync(dir)).not.toContain('notes.yaml');
  });
});

describe.skipIf(!browserPath)('each juror’s booklet', () => {
  it('is the cahier of that juror’s dossiers only, printed as PDF', async () => {
    const dir = tempDir();
    const sheets = (juror: string) =>
      tnl([
        'jury',
        'sheets',
        exportFile,
        '--edition',
        '2024',
        '--jurors',
        jurors,
        '--assignment',
        'fixtures/jury-2024/affectation-2024.yaml',
        '--out',
        dir,
        '--jure',
        juror,
      ]);
    const r = await sheets('cgarnier');
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['cahier-cgarnier.pdf', 'grille-cgarnier.xlsx']);
    const text = execFileSync('pdftotext', ['-layout', join(dir, 'cahier-cgarnier.pdf'), '-'], { encoding: 'utf8' });
    expect(text).toMatch(/Cahier de Claire Garnier — jury de l’édition 2024/);
    const assigned = readFileSync('fixtures/jury-2024/affectation-2024.yaml', 'utf8');
    const mine = [...assigned.matchAll(/"(\d+)": \[([^\]]*)\]/g)].filter((m) => m[2]!.includes('cgarnier')).map((m) => m[1]!);
    const others = [...assigned.matchAll(/"(\d+)": \[([^\]]*)\]/g)].filter((m) => !m[2]!.includes('cgarnier')).map((m) => m[1]!);
    for (const n of mine) expect(text).toContain(`${n} — `);
    for (const n of others) expect(text).not.toContain(`${n} — `);
    // Isère dossiers are never in her booklet (conflict of interest).
    expect(text).not.toMatch(/Grenoble|Échirolles|Meylan/);
    const unknown = await sheets('cgarnie');
    expect(unknown.code).toBe(2);
    // Run again into the same folder: the (perhaps filled) sheet and the booklet are never replaced silently.
    const before = readFileSync(join(dir, 'grille-cgarnier.xlsx'));
    const again = await sheets('cgarnier');
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/contient déjà grille-cgarnier\.xlsx, cahier-cgarnier\.pdf .* remplacez-les avec --force/);
    expect(readFileSync(join(dir, 'grille-cgarnier.xlsx')).equals(before)).toBe(true);
    expect(unknown.stderr).toMatch(/juré « cgarnie » inconnu\. Vouliez-vous dire «\scgarnier\s»/);
  });
});
