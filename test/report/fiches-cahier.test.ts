import { describe, expect, it, vi } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ficheFileName } from '../../src/report/fiche.js';
import { copyEditions, plain, root, tempDir, tnl } from '../helpers/cli.js';
import { browserPath } from '../helpers/browser.js';
import { oneDossierCsv, tempFile } from '../helpers/edition.js';

const text = (file: string, first?: number) =>
  plain(execFileSync('pdftotext', [...(first ? ['-f', String(first), '-l', String(first)] : []), '-layout', file, '-'], { encoding: 'utf8' })).replace(
    /\s+/g,
    ' ',
  );

describe('fiche file names', () => {
  it.each([
    ['118357', "Ville d'Échirolles", '118357-ville-d-echirolles.pdf'],
    ['118357', '../../etc/x', '118357-etc-x.pdf'],
    ['../1', '/etc/passwd', '1-etc-passwd.pdf'],
    ['42', 'Vandœuvre-lès-Nancy', '42-vandoeuvre-les-nancy.pdf'],
    ['7', '<img src=x>', '7-img-src-x.pdf'],
  ])('%s + %s → %s', async (n, name, out) => expect(ficheFileName(n, name, 'pdf')).toBe(out));
});

describe('tnl fiches (Markdown)', () => {
  it('writes one fiche per dossier, with level, volets against the stratum median, path and jury opinion; nothing on stdout', async () => {
    const dir = tempDir();
    const r = await tnl(['fiches', 'fixtures/ds-2024.json', '--edition', '2024', '--decisions', 'fixtures/jury-2024.yaml', '--format', 'md', '--out', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const files = readdirSync(dir);
    expect(files).toHaveLength(24);
    const colomiers = plain(readFileSync(join(dir, '118357-ville-de-colomiers.md'), 'utf8'));
    expect(colomiers).toMatch(/\*\*Résultat : Niveau 3 \(usage avancé\)\*\*, total 62,1 \/ 100/);
    expect(colomiers).toMatch(/\| Volet \| Votre dossier \| Médiane de votre strate \|/);
    expect(colomiers).toMatch(/## Pistes pour atteindre le niveau 4 \(politique volontariste\)/);
    expect(colomiers).toMatch(/## L’avis du jury\n\nUne stratégie solide/);
  });
  it('when the jury grants the next level, the fiche no longer shows the path toward it', async () => {
    const dir = tempDir();
    const jury = tempFile('jury.yaml', 'edition: 2024\ndecisions:\n  - dossier: 118357\n    level: "4"\n    reason: Plan adopté après le dépôt.\n');
    expect((await tnl(['fiches', 'fixtures/ds-2024.json', '--edition', '2024', '--decisions', jury, '--format', 'md', '--out', dir])).code).toBe(0);
    const fiche = plain(readFileSync(join(dir, '118357-ville-de-colomiers.md'), 'utf8'));
    expect(fiche).toMatch(/\*\*Résultat : Niveau 4 \(politique volontariste\)\*\*/);
    expect(fiche).not.toMatch(/Pistes pour atteindre le niveau 4|est atteint en points, mais/);
    expect(fiche).toMatch(/## Décision du jury\n\nPlan adopté après le dépôt\./);
  });

  it('a dossier named to escape --out stays inside it', async () => {
    const dir = tempDir();
    const csv = oneDossierCsv({ 'Nom de la collectivité': '../../../tmp/evil' });
    expect((await tnl(['fiches', tempFile('x.csv', csv), '--edition', '2024', '--format', 'md', '--out', join(dir, 'fiches')])).code).toBe(0);
    expect(readdirSync(join(dir, 'fiches'))).toEqual(['118340-tmp-evil.md']);
  });
  it('a dossier that cannot be scored gets no fiche, says why, and the exit code is 1', async () => {
    const dir = tempDir();
    const [header, row] = oneDossierCsv({ ID: '1', 'Nom de la collectivité': 'Ville A', "Nombre d'habitants": '' }).split('\n');
    const other = oneDossierCsv({ ID: '2', 'Nom de la collectivité': 'Ville B', "Nombre d'habitants": '1200' }).split('\n')[1];
    const csv = tempFile('x.csv', `${header}\n${row}\n${other}\n`);
    const r = await tnl(['fiches', csv, '--edition', '2024', '--format', 'md', '--out', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/dossier 1 \(Ville A\) : pas de fiche, le dossier n’a pas pu être noté \(population absente/);
    expect(readdirSync(dir)).toEqual(['2-ville-b.md']);
  });

  it('a bad --concurrency is a usage error', async () => {
    expect((await tnl(['fiches', 'fixtures/ds-2024.json', '--edition', '2024', '--out', tempDir(), '--concurrency', '0'])).code).toBe(2);
  });
});

/** Some dossiers of the 2024 API export, as an export file of their own. */
function fixtureSubset(name: string, keep: (index: number) => boolean): string {
  const all = JSON.parse(readFileSync(join(root, 'fixtures', 'ds-2024.json'), 'utf8')) as { data: { demarche: { dossiers: { nodes: unknown[] } } } };
  all.data.demarche.dossiers.nodes = all.data.demarche.dossiers.nodes.filter((_, i) => keep(i));
  return tempFile(`ds-2024-${name}.json`, JSON.stringify(all));
}

describe.skipIf(!browserPath)('tnl fiches and tnl cahier (PDF)', () => {
  it('one PDF fiche per dossier, each naming its authority and level', async () => {
    // Six dossiers of the fixture: the Markdown fiches above cover all 24.
    const six = fixtureSubset('six', (i) => i % 4 === 0);
    const dir = tempDir();
    const r = await tnl(['fiches', six, '--edition', '2024', '--out', dir, '--concurrency', '3']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    const files = readdirSync(dir).filter((f) => f.endsWith('.pdf'));
    expect(files).toHaveLength(6);
    const scores = JSON.parse((await tnl(['score', six, '--edition', '2024', '--format', 'json'])).stdout) as {
      dossiers: { number: string; name: string; finalLevel: string }[];
    };
    expect(scores.dossiers).toHaveLength(6);
    for (const d of scores.dossiers) {
      const f = files.find((x) => x.startsWith(`${d.number}-`))!;
      const t = text(join(dir, f));
      expect(t).toContain(d.name);
      expect(t).toMatch(new RegExp(`Résultat : Niveau ${d.finalLevel} \\(`));
    }
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('the cahier has a table of contents whose page numbers are right', async () => {
    // Nine dossiers of the fixture (about 30 pages), Échirolles and the long answers among them.
    const nine = fixtureSubset('nine', (i) => i % 3 === 2);
    const out = join(tempDir(), 'cahier.pdf');
    // The book is printed twice, whatever its size: once to measure, once with the page numbers.
    const built = (await import(join(root, 'dist', 'report', 'pdf.js'))) as typeof import('../../src/report/pdf.js');
    const prints = vi.spyOn(built.PdfRenderer.prototype, 'pdf');
    let r;
    let printed;
    try {
      r = await tnl(['cahier', nine, '--edition', '2024', '--out', out]);
      printed = prints.mock.calls.length;
    } finally {
      prints.mockRestore();
    }
    expect(r.code, r.stderr).toBe(0);
    expect(printed).toBe(2);
    const first = text(out, 1);
    const m = /118731 — Ville d'Échirolles (\d+)/.exec(first);
    expect(m).not.toBeNull();
    expect(text(out, Number(m![1]))).toMatch(/^ ?118731 — Ville d'Échirolles/);
    const summary = /Tableau récapitulatif (\d+)/.exec(first)!;
    expect(text(out, Number(summary[1]))).toMatch(/Tableau récapitulatif/);
    const all = text(out);
    expect(all).toContain('Habitudes des agents et formats imposés par certains partenaires. Des logiciels métier sans équivalent libre.');
  });
});

describe('tnl rubric diff', () => {
  const newRubric = (from: string, to: string) => {
    const dir = copyEditions();
    const file = join(dir, 'rubrics', '2024.yaml');
    const text = readFileSync(file, 'utf8');
    expect(text).toContain(from);
    writeFileSync(file, text.replace(from, to));
    return file;
  };

  it('one weight changed: the exact list of dossiers that change level', async () => {
    const to = newRubric(
      'default: { strategie: 25, pratiques: 15, logiciels: 30, ecosysteme: 15, donnees: 15 }',
      'default: { strategie: 25, pratiques: 15, logiciels: 30, ecosysteme: 15, donnees: 45 }',
    );
    const r = await tnl(['rubric', 'diff', 'fixtures/ds-2024.json', '--from', 'rubrics/2024.yaml', '--to', to, '--format', 'json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      changes: { number: string; from: string; to: string; direction: number }[];
      up: number;
      down: number;
      dossiers: number;
    };
    expect(out.changes.map((c) => [c.number, c.from, c.to])).toEqual([['118646', '4', '5']]);
    expect([out.up, out.down, out.dossiers]).toEqual([1, 0, 24]);
  });

  it('a threshold raised: dossiers go down, --fail-on-change exits 1, codeclimate lists them', async () => {
    const to = newRubric('    min: 58\n', '    min: 66\n');
    const r = await tnl(['rubric', 'diff', 'fixtures/ds-2024.json', '--from', 'rubrics/2024.yaml', '--to', to, '--format', 'codeclimate', '--fail-on-change']);
    expect(r.code).toBe(1);
    const issues = JSON.parse(r.stdout) as { description: string; check_name: string }[];
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.every((i) => i.check_name === 'rubric/level-change')).toBe(true);
    expect(issues.map((i) => i.description).join('\n')).toMatch(/Le dossier 118578 \(Ville et Métropole de Montpellier\) passe du niveau 4 au niveau 3/);
  });

  it('no change: exit 0 even with --fail-on-change', async () => {
    const r = await tnl(['rubric', 'diff', 'fixtures/ds-2024.json', '--from', 'rubrics/2024.yaml', '--to', 'rubrics/2024.yaml', '--fail-on-change']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Aucun des 24 dossiers ne change de niveau/);
  });

  it('--from-rev takes the old rubric from git', async () => {
    const repo = copyEditions();
    const git = (...a: string[]) =>
      execFileSync('git', a, {
        cwd: repo,
        stdio: 'pipe',
        env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@x', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@x' },
      });
    git('init', '-q');
    git('add', '.');
    git('commit', '-qm', 'base');
    const file = join(repo, 'rubrics', '2024.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('    min: 58\n', '    min: 66\n'));
    const r = await tnl(['rubric', 'diff', join(root, 'fixtures', 'ds-2024.json'), '--from-rev', 'HEAD', '--to', file, '--format', 'md']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/## Changement de barème : .*2024\.yaml@HEAD → /);
    expect(r.stdout).toMatch(/\| 118578 \| Ville et Métropole de Montpellier \| c4 \| 4 → \*\*3\*\* \|/);
  });
});

describe('tnl init', () => {
  it('copies the previous edition with the new year and number, and refuses to overwrite', async () => {
    const dir = copyEditions();
    const r = await tnl(['init', '--edition', '2026', '--from', '2025', '--root', dir]);
    expect(r.code).toBe(0);
    const q = readFileSync(join(dir, 'questionnaires', '2026.yaml'), 'utf8');
    expect(q).toMatch(/^edition: 2026$/m);
    expect(q).toMatch(/^number: 11$/m);
    expect(q).toMatch(/^# yaml-language-server: \$schema=/);
    expect(readFileSync(join(dir, 'rubrics', '2026.yaml'), 'utf8')).toMatch(/^edition: 2026$/m);
    expect((await tnl(['validate', '--root', dir, '--edition', '2026'])).code).toBe(0);
    const again = await tnl(['init', '--edition', '2026', '--from', '2025', '--root', dir]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/existe déjà/);
    expect(existsSync(join(dir, 'rubrics', '2026.yaml'))).toBe(true);
  });
});
