import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { plain, tempDir, tnl } from '../helpers/cli.js';

describe('the 2025 edition (Badge, Bronze, Argent, Or) on a hand-made CSV', () => {
  it('reads the ;/Windows-1252 file and scores each dossier on the medal scale', async () => {
    const r = await tnl(['score', 'fixtures/candidatures-2025.csv', '--edition', '2025', '--format', 'json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      summary: { byLevel: Record<string, number> };
      dossiers: { number: string; finalLevel: string; stratum: { id: string } }[];
    };
    expect(out.summary.byLevel).toEqual({ badge: 3, bronze: 0, argent: 1, or: 3 });
    const level = (n: string) => out.dossiers.find((d) => d.number === n)!.finalLevel;
    expect([level('2025-001'), level('2025-006'), level('2025-007'), level('2025-005')]).toEqual(['or', 'argent', 'badge', 'badge']);
    expect(out.dossiers.find((d) => d.number === '2025-007')!.stratum.id).toBe('c1');
  });

  it('explains in medal words, with the open-data question not applicable below 3 500 inhabitants', async () => {
    const r = await tnl(['explain', 'fixtures/candidatures-2025.csv', '--edition', '2025', '--dossier', '2025-007']);
    expect(r.stdout).toMatch(/Niveau proposé : \*\*Badge\*\*/);
    expect(r.stdout).toMatch(/`donnees\.ouverture` \| Pas encore commencée \| non applicable \(strate c1 : moins de 3 500 habitants\)/);
    expect(r.stdout).toMatch(/## Pour atteindre le Bronze/);
  });

  it('writes fiches that name the medal', async () => {
    const dir = tempDir();
    expect((await tnl(['fiches', 'fixtures/candidatures-2025.csv', '--edition', '2025', '--format', 'md', '--out', dir])).code).toBe(0);
    expect(plain(readFileSync(join(dir, '2025001-ville-de-boe.md'), 'utf8'))).toMatch(/\*\*Résultat : Or\*\*, total 100,0 \/ 100/);
  });
});
