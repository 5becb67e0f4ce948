import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyEditions, edit, root, tempDir, tnl } from '../helpers/cli.js';

const cacheFiles = (dir: string) => (existsSync(join(dir, 'editions')) ? readdirSync(join(dir, 'editions')) : []);
const score = (root: string, cache: string, env: NodeJS.ProcessEnv = {}) =>
  tnl(['score', 'fixtures/ds-2024.json', '--edition', '2024', '--root', root, '--format', 'json'], {
    env: { TNL_CACHE_DIR: cache, SOURCE_DATE_EPOCH: '1733788800', ...env },
  });

describe('the cache of checked editions', () => {
  it('gives the same scores from the cache as from the YAML files', () => {
    const root = copyEditions();
    const cache = tempDir();
    const cold = score(root, cache);
    expect(cold.code).toBe(0);
    expect(cacheFiles(cache)).toHaveLength(1);
    const warm = score(root, cache);
    expect(warm.rawStdout).toBe(cold.rawStdout);
    expect(score(root, cache, { TNL_NO_CACHE: '1' }).rawStdout).toBe(cold.rawStdout);
  });

  it('follows a change of the rubric: a new threshold is applied at once', () => {
    const root = copyEditions();
    const cache = tempDir();
    const before = JSON.parse(score(root, cache).stdout) as { summary: { byLevel: Record<string, number> } };
    edit(join(root, 'rubrics', '2024.yaml'), 'symbol: "@@@", min: 40, min_by_stratum: { c1: 37 }', 'symbol: "@@@", min: 90, min_by_stratum: { c1: 90 }');
    const r = score(root, cache);
    // The raised threshold of level 3 is above level 4's: the edition is now invalid, and said so.
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/n’est pas valide/);
    expect(cacheFiles(cache)).toHaveLength(1);
    edit(join(root, 'rubrics', '2024.yaml'), 'symbol: "@@@", min: 90, min_by_stratum: { c1: 90 }', 'symbol: "@@@", min: 50, min_by_stratum: { c1: 50 }');
    const after = JSON.parse(score(root, cache).stdout) as { summary: { byLevel: Record<string, number> } };
    expect(cacheFiles(cache)).toHaveLength(2);
    expect(after.summary.byLevel['3']).toBeLessThan(before.summary.byLevel['3']!);
  });

  it('is not written with TNL_NO_CACHE, and a damaged cache file is ignored', () => {
    const root = copyEditions();
    const cache = tempDir();
    expect(score(root, cache, { TNL_NO_CACHE: '1' }).code).toBe(0);
    expect(cacheFiles(cache)).toHaveLength(0);
    const good = score(root, cache);
    const [file] = cacheFiles(cache);
    writeFileSync(join(cache, 'editions', file!), '{"edition": tronqué');
    const again = score(root, cache);
    expect(again.code).toBe(0);
    expect(again.rawStdout).toBe(good.rawStdout);
    expect(JSON.parse(readFileSync(join(cache, 'editions', file!), 'utf8'))).toHaveProperty('value.edition.year', 2024);
  });

  it('is never used for an edition with errors: the located message comes every time', () => {
    const root = copyEditions();
    const cache = tempDir();
    edit(join(root, 'rubrics', '2024.yaml'), 'symbol: "@@@", min: 40,', 'symbol: "@@@", min: quarante,');
    for (let i = 0; i < 2; i++) {
      const r = score(root, cache);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/rubrics\/2024\.yaml:112/);
    }
    expect(cacheFiles(cache)).toHaveLength(0);
  });
});

describe('the cache of checked results files', () => {
  it('gives the same history from the cache as from the YAML files, one entry per file', () => {
    const cache = tempDir();
    const cold = tnl(['history', '--format', 'json'], { env: { TNL_CACHE_DIR: cache } });
    expect(cold.code).toBe(0);
    expect(cacheFiles(cache)).toHaveLength(0);
    expect(readdirSync(join(cache, 'results'))).toHaveLength(readdirSync(join(root, 'results')).filter((f) => f.endsWith('.yaml')).length);
    const warm = tnl(['history', '--format', 'json'], { env: { TNL_CACHE_DIR: cache } });
    expect(warm.rawStdout).toBe(cold.rawStdout);
    expect(tnl(['history', '--format', 'json'], { env: { TNL_NO_CACHE: '1' } }).rawStdout).toBe(cold.rawStdout);
  });
});
