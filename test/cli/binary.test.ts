import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { copyEditions, tempDir, tnlProcess } from '../helpers/cli.js';

/**
 * One run of bin/tnl.cjs per command: the wiring from the process (arguments, streams, environment,
 * exit code) to the command. Everything else about each command is tested in process.
 */
describe('bin/tnl.cjs, one run per command', () => {
  const epoch = { SOURCE_DATE_EPOCH: '1733788800' };

  it('validate', () => {
    const r = tnlProcess(['validate', '--edition', '2024']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/✓ 3 fichiers vérifiés, aucun problème/);
  });

  it('inspect', () => {
    const r = tnlProcess(['inspect', 'fixtures/ds-2024.csv', '--edition', '2024', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { dossiers: { kept: number } }).dossiers.kept).toBe(24);
  });

  it('score, with its stderr notice and --out', () => {
    const out = join(tempDir(), 'notes.csv');
    const r = tnlProcess(['score', 'fixtures/ds-2024.json', '--edition', '2024', '--format', 'csv', '--out', out], { env: epoch });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/24 dossiers notés → /);
    expect(readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(25);
  });

  it('explain', () => {
    const r = tnlProcess(['explain', 'fixtures/ds-2024.json', '--edition', '2024', '--dossier', '118357'], { env: epoch });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^# /);
  });

  it('report', () => {
    const r = tnlProcess(['report', 'resultats', '--edition', '2024']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^# Résultats de l’édition 2024$/m);
  });

  it('fiches', () => {
    const dir = tempDir();
    const r = tnlProcess(['fiches', 'fixtures/ds-2024.json', '--edition', '2024', '--format', 'md', '--out', dir, '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(dir).filter((f) => f.endsWith('.md'))).toHaveLength(24);
    expect(readdirSync(dir)).toContain('fiches.json');
  });

  it('cahier (its PDF is tested in process; here the usage error of a non-PDF --out)', () => {
    const r = tnlProcess(['cahier', 'fixtures/ds-2024.json', '--edition', '2024', '--out', join(tempDir(), 'cahier.txt')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/le cahier du jury est un PDF/);
  });

  it('jury assign', () => {
    const r = tnlProcess(['jury', 'assign', 'fixtures/ds-2024.json', '--edition', '2024', '--jurors', 'fixtures/jures-2024.yaml']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^per_dossier: 2$/m);
  });

  it('simulateur', () => {
    const out = join(tempDir(), 'simulateur.html');
    const r = tnlProcess(['simulateur', '--edition', '2025', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/simulateur\.html écrit \(\d+ ko, édition 2025\)/);
    expect(readFileSync(out, 'utf8')).toMatch(/^<!doctype html>/);
  });

  it('rubric diff', () => {
    const r = tnlProcess(['rubric', 'diff', 'fixtures/ds-2024.json', '--from', 'rubrics/2024.yaml', '--to', 'rubrics/2024.yaml', '--fail-on-change']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Aucun des 24 dossiers ne change de niveau/);
  });

  it('init', () => {
    const dir = copyEditions();
    const r = tnlProcess(['init', '--edition', '2026', '--from', '2025', '--root', dir]);
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(join(dir, 'questionnaires', '2026.yaml'))).toBe(true);
  });

  it('publish', () => {
    const dir = copyEditions();
    const scores = join(dir, 'notes.json');
    expect(tnlProcess(['score', 'fixtures/ds-2024.json', '--edition', '2024', '--format', 'json', '--out', scores, '--quiet']).code).toBe(0);
    const r = tnlProcess(['publish', '--edition', '2024', '--scores', scores, '--root', dir]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(dir, 'results', '2024.yaml'), 'utf8')).toMatch(/^edition: 2024$/m);
  });

  it('history and history import', () => {
    const r = tnlProcess(['history', '--edition', '2024', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toHaveProperty('figures');
    const help = tnlProcess(['history', 'import', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/relevé YAML des éditions/);
  });

  it('fetch (without a token: a usage error before any request)', () => {
    const r = tnlProcess(['fetch', '--demarche', '1187', '--out', join(tempDir(), 'x.json')], { env: { DS_API_TOKEN: '' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/DS_API_TOKEN n’est pas définie/);
  });

  it('ds annoter and ds envoyer (outside a workspace: a usage error before any request)', () => {
    const dir = tempDir();
    for (const sub of ['annoter', 'envoyer']) {
      const r = tnlProcess(['ds', sub, sub === 'annoter' ? 'fixtures/ds-2024.json' : dir, '--root', dir], { env: { DS_API_TOKEN: 'x' } });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^tnl : /);
    }
  });

  it('demo (npm start), the bundled edition, without a browser', () => {
    const out = tempDir();
    const r = tnlProcess(['demo', '--out', out], { env: { PUPPETEER_EXECUTABLE_PATH: '/nulle/part/chromium' } });
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(join(out, 'notes-2024.json'))).toBe(true);
  });

  it('a bad usage: exit 2 from the process', () => {
    const r = tnlProcess(['scor']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/commande inconnue « scor »/);
  });
});
