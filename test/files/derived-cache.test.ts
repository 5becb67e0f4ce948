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
  it('gives the same scores from the cache as from the YAML files', async () => {
    const root = copyEditions();
    const cache = tempDir();
    const cold = await score(root, cache);
    expect(cold.code).toBe(0);
    expect(cacheFiles(cache)).toHaveLength(1);
    const warm = await score(root, cache);
    expect(warm.rawStdout).toBe(cold.rawStdout);
    expect((await score(root, cache, { TNL_NO_CACHE: '1' })).rawStdout).toBe(cold.rawStdout);
  });

  it('follows a change of the rubric: a new threshold is applied at once', async () => {
    const root = copyEditions();
    const cache = tempDir();
    const before = JSON.parse((await score(root, cache)).stdout) as { summary: { byLevel: Record<string, number> } };
    edit(join(root, 'rubrics', '2024.yaml'), 'symbol: "@@@", min: 40, min_by_stratum: { c1: 37 }', 'symbol: "@@@", min: 90, min_by_stratum: { c1: 90 }');
    const r = await score(root, cache);
    // The raised threshold of level 3 is above level 4's: the edition is now invalid, and said so.
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/n’est pas valide/);
    expect(cacheFiles(cache)).toHaveLength(1);
    edit(join(root, 'rubrics', '2024.yaml'), 'symbol: "@@@", min: 90, min_by_stratum: { c1: 90 }', 'symbol: "@@@", min: 50, min_by_stratum: { c1: 50 }');
    const after = JSON.parse((await score(root, cache)).stdout) as { summary: { byLevel: Record<string, number> } };
    expect(cacheFiles(cache)).toHaveLength(2);
    expect(after.summary.byLevel['3']).toBeLessThan(before.summary.byLevel['3']!);
  });

  it('is not written with TNL_NO_CACHE, and a damaged cache file is ignored', async () => {
    const root = copyEditions();
    const cache = tempDir();
    expect((await score(root, cache, { TNL_NO_CACHE: '1' })).code).toBe(0);
    expect(cacheFiles(cache)).toHaveLength(0);
    const good = await score(root, cache);
    const [file] = cacheFiles(cache);
    writeFileSync(join(cache, 'editions', file!), '{"edition": tronqué');
    const again = await score(root, cache);
    expect(again.code).toBe(0);
    expect(again.rawStdout).toBe(good.rawStdout);
    expect(JSON.parse(readFileSync(join(cache, 'editions', file!), 'utf8'))).toHaveProperty('value.edition.year', 2024);
  });

  it('is never used for an edition with errors: the located message comes every time', async () => {
    const root = copyEditions();
    const cache = tempDir();
    edit(join(root, 'rubrics', '2024.yaml'), 'symbol: "@@@", min: 40,', 'symbol: "@@@", min: quarante,');
    for (let i = 0; i < 2; i++) {
      const r = await score(root, cache);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/rubrics\/2024\.yaml:112/);
    }
    expect(cacheFiles(cache)).toHaveLength(0);
  });
});

describe('the cache of checked results files', () => {
  it('gives the same history from the cache as from the YAML files, one entry per file', async () => {
    const cache = tempDir();
    const cold = await tnl(['history', '--format', 'json'], { env: { TNL_CACHE_DIR: cache } });
    expect(cold.code).toBe(0);
    expect(cacheFiles(cache)).toHaveLength(0);
    expect(readdirSync(join(cache, 'results'))).toHaveLength(readdirSync(join(root, 'results')).filter((f) => f.endsWith('.yaml')).length);
    const warm = await tnl(['history', '--format', 'json'], { env: { TNL_CACHE_DIR: cache } });
    expect(warm.rawStdout).toBe(cold.rawStdout);
    expect((await tnl(['history', '--format', 'json'], { env: { TNL_NO_CACHE: '1' } })).rawStdout).toBe(cold.rawStdout);
  });
});
