import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root, tempDir, tnl } from '../helpers/cli.js';
import { oneDossierCsv, tempFile } from '../helpers/edition.js';

const EPOCH = { SOURCE_DATE_EPOCH: '1733788800' };
const score = (...args: string[]) => tnl(['score', ...args], { env: EPOCH });

describe('golden scores of the 2024 fixture', () => {
  it.each(['json', 'md'])('%s output is byte-identical to test/golden/notes-2024.%s (npm run golden to update)', async (format) => {
    const r = await tnl(
      [
        'score',
        'fixtures/ds-2024.json',
        '--edition',
        '2024',
        '--decisions',
        'fixtures/jury-2024.yaml',
        '--grades',
        'fixtures/notes-jury-2024.yaml',
        '--format',
        format,
      ],
      { env: EPOCH },
    );
    expect(r.code).toBe(0);
    expect(r.rawStdout).toBe(readFileSync(join(root, 'test', 'golden', `notes-2024.${format}`), 'utf8'));
  });

  it('gives 8 dossiers at level 3, 12 at level 4, 4 at level 5', async () => {
    const out = JSON.parse(readFileSync(join(root, 'test', 'golden', 'notes-2024.json'), 'utf8')) as { summary: { byLevel: Record<string, number> } };
    expect(out.summary.byLevel).toEqual({ 1: 0, 2: 0, 3: 8, 4: 12, 5: 4 });
  });

  it('the XLSX export scores exactly as the JSON export', async () => {
    const xlsx = await score('fixtures/ds-2024.xlsx', '--edition', '2024', '--format', 'json');
    const json = await score('fixtures/ds-2024.json', '--edition', '2024', '--format', 'json');
    expect(xlsx.code).toBe(0);
    const pick = (r: typeof xlsx) =>
      (JSON.parse(r.stdout) as { dossiers: { number: string; total: number; finalLevel: string; points: unknown }[] }).dossiers.map((d) => [
        d.number,
        d.total,
        d.finalLevel,
        d.points,
      ]);
    expect(pick(xlsx)).toEqual(pick(json));
  });

  it('the CSV export scores as the JSON export, the repetition block aside', async () => {
    const csv = JSON.parse((await score('fixtures/ds-2024.csv', '--edition', '2024', '--format', 'json')).stdout) as {
      dossiers: { number: string; total: number; points: Record<string, number>; unknown: string[] }[];
    };
    const json = JSON.parse((await score('fixtures/ds-2024.json', '--edition', '2024', '--format', 'json')).stdout) as typeof csv;
    expect(csv.dossiers).toHaveLength(24);
    for (const d of csv.dossiers) {
      const j = json.dossiers.find((x) => x.number === d.number)!;
      const { 'ecosysteme.contributions': contributions, ...others } = j.points;
      expect(d.points).toEqual(others);
      expect(contributions).toBeGreaterThanOrEqual(0);
      expect(d.unknown).toEqual(['ecosysteme.contributions']);
    }
  });
});

describe('tnl score', () => {
  it('is deterministic: the same command twice gives byte-identical CSV, JSON and Markdown', async () => {
    for (const format of ['csv', 'json', 'md']) {
      const a = await score('fixtures/ds-2024.csv', '--edition', '2024', '--format', format);
      const b = await score('fixtures/ds-2024.csv', '--edition', '2024', '--format', format);
      expect(a.code).toBe(0);
      expect(a.rawStdout).toBe(b.rawStdout);
    }
  });

  it('the table is sorted by level then score, with French numbers', async () => {
    const r = await score('fixtures/ds-2024.json', '--edition', '2024');
    const lines = r.rawStdout.split('\n').filter((l) => /^\s*\d{6} {2}\S/.test(l));
    expect(lines).toHaveLength(24);
    expect(lines[0]).toMatch(/Syndicat Morbihan Énergies/);
    expect(r.rawStdout).toMatch(/760\u202f000/);
    expect(r.rawStdout).toMatch(/88,2/);
    const header = r.rawStdout.split('\n').find((l) => l.includes('Proposé'))!;
    const at = header.indexOf('Final');
    const levels = lines.map((l) => Number(l.slice(at, at + 5).trim()));
    expect([...levels].sort((a, b) => b - a)).toEqual(levels);
  });

  it('the CSV carries plain numbers, its provenance, and neutralises formulas', async () => {
    const csv = oneDossierCsv({ 'Nom de la collectivité': '=HYPERLINK("http://x","clic")' });
    const r = await score(tempFile('f.csv', csv), '--edition', '2024', '--format', 'csv');
    expect(r.rawStdout.charCodeAt(0)).toBe(0xfeff);
    const [header, row] = r.rawStdout.slice(1).split('\r\n');
    expect(header).toMatch(/^numero,collectivite,type,population,/);
    expect(header).toMatch(/,version_tnl,edition,bareme_sha256,export_sha256,date$/);
    expect(row).toContain(`"'=HYPERLINK(""http://x"",""clic"")"`);
    expect(row).toMatch(/,18770,/);
    expect(row).toMatch(/,2024-12-10$/);
  });

  it('writes --out atomically and says where', async () => {
    const out = join(tempDir(), 'notes.json');
    const r = await score('fixtures/ds-2024.json', '--edition', '2024', '--format', 'json', '--out', out);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/24 dossiers notés → /);
    expect(JSON.parse(readFileSync(out, 'utf8')).dossiers).toHaveLength(24);
  });

  it('a population gap over 10 % with INSEE is a warning, the declared population is kept', async () => {
    const r = await score('fixtures/ds-2024.json', '--edition', '2024', '--format', 'json');
    const fontaine = (
      JSON.parse(r.stdout) as { dossiers: { name: string; population: number; stratum: { id: string }; warnings: { rule: string; message: string }[] }[] }
    ).dossiers.find((d) => d.name === 'Ville de Fontaine')!;
    expect(fontaine.population).toBe(19500);
    expect(fontaine.stratum.id).toBe('c2');
    expect(fontaine.warnings).toContainEqual(
      expect.objectContaining({ rule: 'score/population-gap', message: expect.stringMatching(/22 020 selon l’INSEE .*écart de 11,4 %/) }),
    );
  });

  it('an unknown INSEE code is a warning, never a replacement', async () => {
    const r = await score(tempFile('f.csv', oneDossierCsv({ 'Code INSEE ou SIREN de la collectivité': '99999' })), '--edition', '2024', '--format', 'json');
    const d = (JSON.parse(r.stdout) as { dossiers: { population: number; warnings: { rule: string }[] }[] }).dossiers[0]!;
    expect(d.population).toBe(18770);
    expect(d.warnings.map((w) => w.rule)).toContain('score/insee-unknown');
  });
});

describe('jury decisions', () => {
  const decisions = (body: string) => tempFile('jury.yaml', `edition: 2024\ndecisions:\n${body}`);

  it('a level change with its reason gives the final level', async () => {
    const file = decisions('  - dossier: 118357\n    level: "4"\n    reason: Plan adopté après le dépôt.\n');
    const r = await score('fixtures/ds-2024.json', '--edition', '2024', '--decisions', file, '--format', 'json');
    expect(r.code).toBe(0);
    const d = (JSON.parse(r.stdout) as { dossiers: { number: string; proposedLevel: string; finalLevel: string; reason: string }[] }).dossiers.find(
      (x) => x.number === '118357',
    )!;
    expect(d).toMatchObject({ proposedLevel: '3', finalLevel: '4', reason: 'Plan adopté après le dépôt.' });
  });

  it.each([
    ['an unknown dossier', '  - dossier: 999999\n    mentions: [sobriete]\n', /3:14 : dossier 999999 inconnu dans l’export/],
    ['a missing reason', '  - dossier: 118357\n    level: "4"\n', /3:5 : le dossier 118357 change de niveau : la raison \(reason\) est obligatoire/],
    [
      'a level outside the scale',
      '  - dossier: 118357\n    level: "6"\n    reason: x\n',
      /4:12 : niveau « 6 » hors de l’échelle de l’édition 2024 \(1, 2, 3, 4, 5\)/,
    ],
    ['an unknown mention', '  - dossier: 118357\n    mentions: [sobriété]\n', /mention « sobriété » inconnue .* Vouliez-vous dire « sobriete »/],
  ])('%s exits 2 with a located French message', async (_name, body, message) => {
    const file = decisions(body);
    const out = join(tempDir(), 'notes.json');
    const r = await score('fixtures/ds-2024.json', '--edition', '2024', '--decisions', file, '--format', 'json', '--out', out);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/décisions du jury invalides/);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
  });

  it('all problems of a decisions file are reported at once', async () => {
    const file = decisions('  - dossier: 999999\n  - dossier: 118357\n    level: "9"\n');
    const r = await score('fixtures/ds-2024.json', '--edition', '2024', '--decisions', file);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/3 problèmes/);
  });
});

describe('tnl explain', () => {
  it('the same dossier at 3 499 and 3 500 inhabitants is scored in two strata, visibly', async () => {
    const base = { "Nombre d'habitants": '3499', 'Combien de jeux de données avez-vous publiés ?': '12' };
    const small = await tnl(['explain', tempFile('a.csv', oneDossierCsv(base)), '--edition', '2024', '--dossier', '118340']);
    const large = await tnl([
      'explain',
      tempFile('b.csv', oneDossierCsv({ ...base, "Nombre d'habitants": '3500' })),
      '--edition',
      '2024',
      '--dossier',
      '118340',
    ]);
    expect(small.code).toBe(0);
    expect(small.stdout).toMatch(/strate c1 \(moins de 3 500 habitants\)/);
    expect(small.stdout).toMatch(
      /Combien de jeux de données avez-vous publiés \? <br>`donnees.jeux_publies` \| 12 \| non applicable \(strate c1 : moins de 3 500 habitants\)/,
    );
    expect(large.stdout).toMatch(/strate c2 \(3 500 à 19 999 habitants\)/);
    expect(large.stdout).toMatch(/`donnees.jeux_publies` \| 12 \| 4 \/ 6/);
  });

  it('shows the volets, the gates and the next-level path', async () => {
    const r = await tnl(['explain', 'fixtures/ds-2024.json', '--edition', '2024', '--dossier', '118357']);
    expect(r.stdout).toMatch(/niveau 4 \(politique volontariste\) atteint en points, mais bloqué : il manque « un plan d'action adopté »/);
    expect(r.stdout).toMatch(/## Pour atteindre le niveau 4 \(politique volontariste\)/);
    expect(r.stdout).toMatch(/\| Où en est votre plan d'action en faveur du libre \? \(condition du niveau\) \| En préparation \| Adopté \| \+4 \|/);
  });

  it('--format json is valid JSON with every question', async () => {
    const r = await tnl(['explain', 'fixtures/ds-2024.json', '--edition', '2024', '--dossier', '118731', '--format', 'json']);
    const out = JSON.parse(r.stdout) as { dossier: { questions: unknown[]; finalLevel: string } };
    expect(out.dossier.questions.length).toBeGreaterThanOrEqual(40);
    expect(out.dossier.finalLevel).toBe('5');
  });

  it('an unknown dossier number exits 2 with a suggestion', async () => {
    const r = await tnl(['explain', 'fixtures/ds-2024.json', '--edition', '2024', '--dossier', '118358']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/dossier 118358 absent de l’export\. Vouliez-vous dire « 118357 »/);
  });
});
