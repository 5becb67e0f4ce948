import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { plain, root, tempDir } from '../helpers/cli.js';

/**
 * tnl as ADULLACT staff install it: packed, installed from the tarball in a folder of their own,
 * a workspace created there, a whole season run from it, and the installed package left exactly as
 * it was. Slow (npm pack and npm install): run by `npm run test:installed` and by the CI, not by `npm test`.
 */
function hashes(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out[p.slice(dir.length + 1)] = createHash('sha256').update(readFileSync(p)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

describe('tnl installed from its tarball, used on a workspace of its own', () => {
  it('a season: init, validate, score, explain, publish, report, fiches; the installed package untouched', () => {
    const pack = tempDir('tnl-pack-');
    const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', pack], { cwd: root, encoding: 'utf8' }).trim().split('\n').pop()!;
    const home = tempDir('tnl-staff-');
    writeFileSync(join(home, 'package.json'), JSON.stringify({ name: 'label-tnl', private: true }, null, 2));
    execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', join(pack, tarball)], { cwd: home, stdio: 'pipe' });
    const installed = join(home, 'node_modules', 'tnl');
    const before = hashes(installed);
    const cache = tempDir('tnl-cache-');
    const tnl = (...args: string[]) => {
      const r = spawnSync(join(home, 'node_modules', '.bin', 'tnl'), args, {
        cwd: home,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1', XDG_CACHE_HOME: cache, TNL_CACHE_DIR: '' },
      });
      return { code: r.status, stdout: plain(r.stdout), stderr: plain(r.stderr) };
    };
    const ok = (r: ReturnType<typeof tnl>) => expect(r.code, r.stderr).toBe(0);

    ok(tnl('init', '--results', 'vide'));
    ok(tnl('validate'));
    ok(tnl('init', '--edition', '2026'));
    const season = join(installed, 'fixtures', 'candidatures-2025.csv');
    const score = tnl('score', season, '--edition', '2025', '--format', 'json', '--out', 'notes-2025.json');
    ok(score);
    expect(JSON.parse(readFileSync(join(home, 'notes-2025.json'), 'utf8')).dossiers.length).toBeGreaterThan(5);
    const explain = tnl('explain', season, '--edition', '2025', '--dossier', '2025-002');
    ok(explain);
    expect(explain.stdout).toMatch(/Échirolles/);
    ok(tnl('publish', '--edition', '2025', '--scores', 'notes-2025.json'));
    expect(readFileSync(join(home, 'results', '2025.yaml'), 'utf8')).toMatch(/^edition: 2025$/m);
    const results = tnl('report', 'resultats', '--edition', '2025');
    ok(results);
    expect(results.stdout).toMatch(/Résultats de l’édition 2025/);
    writeFileSync(
      join(home, 'presse', 'presse-2025.yaml'),
      'edition: 2025\nrelease: { city: Montpellier, date: 2025-12-09 }\ncontacts:\n  - { name: Service presse, email: presse@adullact.org }\n',
    );
    ok(tnl('report', 'communique', '--edition', '2025', '--press', 'presse/presse-2025.yaml', '--out', 'communique-2025.md'));
    ok(tnl('fiches', season, '--edition', '2025', '--format', 'md', '--out', 'fiches', '--quiet'));
    expect(readdirSync(join(home, 'fiches')).length).toBeGreaterThan(5);
    // The self-assessment page of the workspace's edition, from the installed package's built script.
    ok(tnl('simulateur', '--edition', '2025', '--out', 'simulateur-2025.html'));
    expect(readFileSync(join(home, 'simulateur-2025.html'), 'utf8')).toMatch(/Simulateur du label Territoire Numérique Libre 2025/);

    // Everything the season wrote is in the workspace; nothing in the installed package.
    expect(hashes(installed)).toEqual(before);
    expect(readdirSync(join(home, 'questionnaires')).sort()).toEqual(['2025.yaml', '2026.yaml']);
  }, 300_000);
});
