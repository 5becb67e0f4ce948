import { describe, expect, it } from 'vitest';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cacheDirectory } from '../../src/files/derived-cache.js';
import { join } from 'node:path';
import { findWorkspace, insideInstalledPackage } from '../../src/files/workspace.js';
import { root, tempDir, tnl } from '../helpers/cli.js';

const snapshot = (dir: string): Record<string, string> => {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out[p.slice(dir.length + 1)] = readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return out;
};

describe('tnl init in an empty folder: a workspace', () => {
  it('creates the config, the latest edition, the archive, a README and the CI file; a second run changes nothing', async () => {
    const dir = tempDir();
    const r = await tnl(['init'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const files = Object.keys(snapshot(dir)).sort();
    for (const f of [
      'tnl.config.yaml',
      'README.md',
      '.gitlab-ci.yml',
      '.gitignore',
      'questionnaires/2025.yaml',
      'rubrics/2025.yaml',
      'results/2024.yaml',
      'jury/.gitkeep',
    ])
      expect(files).toContain(f);
    expect(readFileSync(join(dir, 'questionnaires', '2025.yaml'), 'utf8')).toMatch(
      /^# yaml-language-server: \$schema=\.\.\/node_modules\/tnl\/src\/edition\/schema\/questionnaire\.schema\.json/,
    );
    const ci = readFileSync(join(dir, '.gitlab-ci.yml'), 'utf8');
    expect(ci).toMatch(/npx tnl validate --format codeclimate > gl-code-quality-report\.json/);
    expect(ci).toMatch(/npx tnl rubric diff "\$export_file" --from-rev "\$base" --to "\$rubric" --fail-on-change/);
    expect(ci).toMatch(/codequality: gl-rubric-diff-\*\.json/);
    // A staff member edits the README; init again: nothing is overwritten.
    writeFileSync(join(dir, 'README.md'), 'notre README\n');
    const before = snapshot(dir);
    const again = await tnl(['init'], { cwd: dir });
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/0 fichier créé/);
    expect(again.stderr).toMatch(/gardés tels quels : tnl\.config\.yaml, README\.md/);
    expect(snapshot(dir)).toEqual(before);
  });

  it('--results vide: an empty archive; the workspace validates', async () => {
    const dir = tempDir();
    expect((await tnl(['init', '--results', 'vide', '--root', dir])).code).toBe(0);
    expect(readdirSync(join(dir, 'results'))).toEqual(['.gitkeep']);
    const v = await tnl(['validate'], { cwd: dir });
    expect(v.code, v.stdout).toBe(0);
  });
});

describe('a workspace is found from the working directory upwards', () => {
  it('its editions, not the bundled ones: from the root, from a subfolder, with --root, with TNL_ROOT', async () => {
    const dir = tempDir();
    expect((await tnl(['init'], { cwd: dir })).code).toBe(0);
    expect((await tnl(['init', '--edition', '2026'], { cwd: dir })).code).toBe(0);
    mkdirSync(join(dir, 'jury', 'brouillons'), { recursive: true });
    for (const where of [{ cwd: dir }, { cwd: join(dir, 'jury', 'brouillons') }, { cwd: tempDir(), env: { TNL_ROOT: dir } }]) {
      const r = await tnl(['validate', '--edition', '2026', '--format', 'json'], where);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain('2026.yaml');
    }
    expect((await tnl(['validate', '--edition', '2026', '--root', dir])).code).toBe(0);
    // Outside any workspace, the bundled examples: no 2026 there.
    const outside = await tnl(['validate', '--edition', '2026'], { cwd: tempDir() });
    expect(outside.code).toBe(2);
    expect(findWorkspace(join(dir, 'jury', 'brouillons'), {})).toEqual({ root: dir, from: 'config' });
  });

  it('a folder with questionnaires/ and rubrics/ is a workspace too; --root that is not a folder is a usage error', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'questionnaires'));
    mkdirSync(join(dir, 'rubrics'));
    expect(findWorkspace(dir, {})).toEqual({ root: dir, from: 'folders' });
    const r = await tnl(['history', '--root', join(dir, 'nulle-part')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--root : .*nulle-part n’est pas un dossier/);
  });

  it('init never makes tnl’s own folder a workspace', async () => {
    const r = await tnl(['init'], { cwd: root });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/ce dossier est tnl lui-même/);
  });

  it('init --edition outside any workspace says how to create one, and writes nothing', async () => {
    const dir = tempDir();
    const r = await tnl(['init', '--edition', '2026'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/aucun espace de travail ici .* « tnl init » dans un dossier vide le crée/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('the workspace’s templates/ overrides a document file by file', async () => {
    const dir = tempDir();
    expect((await tnl(['init'], { cwd: dir })).code).toBe(0);
    writeFileSync(join(dir, 'templates', 'resultats.md.hbs'), 'Résultats maison {{year}}\n');
    const own = await tnl(['report', 'resultats', '--edition', '2024'], { cwd: dir });
    expect(own.code, own.stderr).toBe(0);
    expect(own.stdout).toBe('Résultats maison 2024\n');
    const other = await tnl(['report', 'communique', '--edition', '2024', '--press', join(root, 'fixtures', 'press-2024.yaml')], { cwd: dir });
    expect(other.code, other.stderr).toBe(0);
    expect(other.stdout).toMatch(/Communiqué de presse/);
  });

  it('rubric diff takes --root like every command that reads the label’s data', async () => {
    const dir = tempDir();
    expect((await tnl(['init'], { cwd: dir })).code).toBe(0);
    const r = await tnl([
      'rubric',
      'diff',
      join(root, 'fixtures', 'candidatures-2025.csv'),
      '--from',
      join(dir, 'rubrics', '2025.yaml'),
      '--to',
      join(dir, 'rubrics', '2025.yaml'),
      '--root',
      dir,
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/ne change de niveau/);
  });
});

describe('nothing is written inside the installed package', () => {
  it('the cache lives in the user’s cache folder, never in tnl’s own folder', () => {
    expect(cacheDirectory({ HOME: '/home/agent' })).toBe('/home/agent/.cache/tnl');
    expect(cacheDirectory({ HOME: '/home/agent', XDG_CACHE_HOME: '/var/cache/agent' })).toBe('/var/cache/agent/tnl');
    expect(cacheDirectory({ TNL_CACHE_DIR: '/tmp/c' })).toBe('/tmp/c');
    expect(cacheDirectory({ TNL_NO_CACHE: '1' })).toBeUndefined();
    // A development checkout is not an installed package: its editions may be written (tnl init in tnl's repository).
    expect(insideInstalledPackage(join(root, 'questionnaires', '2026.yaml'))).toBe(false);
  });
});
