import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { plain, tempDir, tnl } from '../helpers/cli.js';
import { browserPath } from '../helpers/browser.js';
import { fixtureSubset, oneDossierCsv, tempFile } from '../helpers/edition.js';

const text = (file: string, first?: number) =>
  plain(execFileSync('pdftotext', [...(first ? ['-f', String(first), '-l', String(first)] : []), '-layout', file, '-'], { encoding: 'utf8' })).replace(
    /\s+/g,
    ' ',
  );

describe('tnl fiches (Markdown)', () => {
  it('writes one fiche per dossier, with level, volets against the stratum median, path and jury opinion; nothing on stdout', async () => {
    const dir = tempDir();
    const r = await tnl(['fiches', 'fixtures/ds-2024.json', '--edition', '2024', '--decisions', 'fixtures/jury-2024.yaml', '--format', 'md', '--out', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const files = readdirSync(dir).filter((f) => f !== 'fiches.json');
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
    expect(readdirSync(join(dir, 'fiches'))).toEqual(['118340-tmp-evil.md', 'fiches.json']);
  });
  it('a dossier that cannot be scored gets no fiche, says why, and the exit code is 1', async () => {
    const dir = tempDir();
    const [header, row] = oneDossierCsv({ ID: '1', 'Nom de la collectivité': 'Ville A', "Nombre d'habitants": '' }).split('\n');
    const other = oneDossierCsv({ ID: '2', 'Nom de la collectivité': 'Ville B', "Nombre d'habitants": '1200' }).split('\n')[1];
    const csv = tempFile('x.csv', `${header}\n${row}\n${other}\n`);
    const r = await tnl(['fiches', csv, '--edition', '2024', '--format', 'md', '--out', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/dossier 1 \(Ville A\) : pas de fiche, le dossier n’a pas pu être noté \(population absente/);
    expect(readdirSync(dir)).toEqual(['2-ville-b.md', 'fiches.json']);
  });

  it('a bad --concurrency is a usage error', async () => {
    expect((await tnl(['fiches', 'fixtures/ds-2024.json', '--edition', '2024', '--out', tempDir(), '--concurrency', '0'])).code).toBe(2);
  });
});

describe.skipIf(!browserPath)('tnl fiches (PDF)', () => {
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
});
