import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir, tnl } from '../helpers/cli.js';

const exportFile = 'fixtures/ds-2024.json';
const jurors = 'fixtures/jures-2024.yaml';

describe('tnl jury assign and tnl jury check', () => {
  it('writes an assignment that checks clean, and never replaces one silently', async () => {
    const dir = tempDir();
    const out = join(dir, 'affectation-2024.yaml');
    const r = await tnl(['jury', 'assign', exportFile, '--edition', '2024', '--jurors', jurors, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(
      /^24 dossiers, 2 jurés chacun, aucun conflit d’intérêts ; charge : cgarnier \d+, lbernard \d+, mrobert \d+, pmoreau \d+, tnguyen \d+ →/,
    );
    const written = readFileSync(out, 'utf8');
    expect(written).toMatch(/^# yaml-language-server: \$schema=.*src\/edition\/schema\/assignment\.schema\.json$/m);
    expect(written).not.toMatch(/"118510": \[[^\]]*cgarnier/);

    const check = await tnl(['jury', 'check', exportFile, '--edition', '2024', '--jurors', jurors, '--assignment', out]);
    expect(check.code, check.stdout).toBe(0);

    writeFileSync(out, written.replace(/"118510": \[[a-z]+,/, '"118510": [cgarnier,'));
    const again = await tnl(['jury', 'assign', exportFile, '--edition', '2024', '--jurors', jurors, '--out', out]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/existe déjà .* « tnl jury check », ou remplacez-le avec --force/);
    const edited = await tnl(['jury', 'check', exportFile, '--edition', '2024', '--jurors', jurors, '--assignment', out]);
    expect(edited.code).toBe(1);
    expect(edited.stdout).toMatch(
      /\d+:\d+\s+erreur\s+cgarnier est en conflit d’intérêts avec le dossier 118510 \(Ville de Grenoble\) : département 38 et organisation « Ville de Grenoble »\s+jury\/conflict/,
    );

    const forced = await tnl(['jury', 'assign', exportFile, '--edition', '2024', '--jurors', jurors, '--out', out, '--force']);
    expect(forced.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(written);
  });

  it('says which dossiers cannot be assigned and why, and writes nothing', async () => {
    const out = join(tempDir(), 'affectation.yaml');
    const r = await tnl(['jury', 'assign', exportFile, '--edition', '2024', '--jurors', jurors, '--par-dossier', '5', '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/affectation impossible pour 12 dossiers \(rien n’est écrit\)/);
    expect(r.stderr).toMatch(
      /dossier 118544 \(Ville de Lyon\) : 4 jurés sans conflit d’intérêts pour 5 demandés ; en conflit : mrobert \(collectivité 69123\)/,
    );
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a jurors file with problems, located, and a bad --par-dossier', async () => {
    const dir = tempDir();
    const bad = join(dir, 'jures.yaml');
    writeFileSync(bad, 'edition: 2024\njurors:\n  - { id: a, name: A }\n  - { id: a, name: B }\n');
    const r = await tnl(['jury', 'assign', exportFile, '--edition', '2024', '--jurors', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/jures\.yaml:4:\d+ : l’identifiant de juré « a » est déjà pris/);
    const k = await tnl(['jury', 'assign', exportFile, '--edition', '2024', '--jurors', jurors, '--par-dossier', 'deux']);
    expect(k.code).toBe(2);
    expect(k.stderr).toMatch(/--par-dossier attend un nombre entier de 1 à 20, pas « deux »/);
  });
});
