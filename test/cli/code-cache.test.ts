import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { root, tempDir, tnlProcess } from '../helpers/cli.js';

/**
 * bin/tnl.cjs keeps V8's compiled code of each command in the user's cache folder (docs/speed.md).
 * The cache only saves time: with it, without it, damaged or unwritable, every answer is the same.
 */
describe('the compiled-code cache of bin/tnl.cjs', () => {
  const args = ['score', join(root, 'fixtures', 'ds-2024.json'), '--edition', '2024', '--format', 'csv'];
  const reference = tnlProcess(args, { env: { TNL_NO_CACHE: '1' } });
  const buildId = readFileSync(join(root, 'dist', 'build-id'), 'utf8')
    .trim()
    .slice(0, 16);

  it('is written on a first run, one file per command and build, and reused as is', () => {
    expect(reference.code).toBe(0);
    const cacheDir = tempDir();
    const first = tnlProcess(args, { env: { TNL_CACHE_DIR: cacheDir } });
    expect(first.rawStdout).toBe(reference.rawStdout);
    expect(first.rawStderr).toBe(reference.rawStderr);
    const files = readdirSync(join(cacheDir, 'code'));
    expect(files).toEqual([expect.stringMatching(new RegExp(`^${buildId}-.+-score\\.bin$`))]);
    const file = join(cacheDir, 'code', files[0]!);
    const written = readFileSync(file);
    const mtime = statSync(file).mtimeMs;

    const second = tnlProcess(args, { env: { TNL_CACHE_DIR: cacheDir } });
    expect(second.rawStdout).toBe(reference.rawStdout);
    expect(statSync(file).mtimeMs).toBe(mtime);
    expect(readFileSync(file).equals(written)).toBe(true);

    tnlProcess(['--version'], { env: { TNL_CACHE_DIR: cacheDir } });
    const after = readdirSync(join(cacheDir, 'code'));
    expect(after).toHaveLength(2);
    expect(after).toContain(files[0]);
    expect(after.find((f) => f !== files[0])).toMatch(new RegExp(`^${buildId}-.+-tnl\\.bin$`));
  });

  it('refused when damaged: the same answer, and the file written again', () => {
    const cacheDir = tempDir();
    tnlProcess(args, { env: { TNL_CACHE_DIR: cacheDir } });
    const [name] = readdirSync(join(cacheDir, 'code'));
    const file = join(cacheDir, 'code', name!);
    const garbage = Buffer.alloc(statSync(file).size, 0x5a);
    writeFileSync(file, garbage);
    const run = tnlProcess(args, { env: { TNL_CACHE_DIR: cacheDir } });
    expect(run.code).toBe(0);
    expect(run.rawStdout).toBe(reference.rawStdout);
    expect(readFileSync(file).equals(garbage)).toBe(false);
  });

  it('checked before V8 reads it: flipped bits inside a valid file are no crash, and the file is written again', () => {
    const cacheDir = tempDir();
    tnlProcess(args, { env: { TNL_CACHE_DIR: cacheDir } });
    const [name] = readdirSync(join(cacheDir, 'code'));
    const file = join(cacheDir, 'code', name!);
    const good = readFileSync(file);
    // V8 alone aborts or segfaults on such damage in the compiled code.
    for (const at of [0.5]) {
      const damaged = Buffer.from(good);
      const i = Math.floor(damaged.length * at);
      damaged[i]! ^= 0xff;
      damaged[i + 1]! ^= 0x55;
      writeFileSync(file, damaged);
      const run = tnlProcess(args, { env: { TNL_CACHE_DIR: cacheDir } });
      expect(run.code).toBe(0);
      expect(run.rawStdout).toBe(reference.rawStdout);
      expect(readFileSync(file).equals(damaged)).toBe(false);
    }
  });

  it('keeps one build’s files at most: those of an earlier build go', () => {
    const cacheDir = tempDir();
    mkdirSync(join(cacheDir, 'code'), { recursive: true });
    const old = join(cacheDir, 'code', '0123456789abcdef-11.3-x64-score.bin');
    writeFileSync(old, 'ancien');
    expect(tnlProcess(args, { env: { TNL_CACHE_DIR: cacheDir } }).rawStdout).toBe(reference.rawStdout);
    expect(existsSync(old)).toBe(false);
    expect(readdirSync(join(cacheDir, 'code'))).toHaveLength(1);
  });

  it('off with TNL_NO_CACHE, and never needed: an unwritable cache folder changes nothing', () => {
    const cacheDir = tempDir();
    expect(tnlProcess(args, { env: { TNL_CACHE_DIR: cacheDir, TNL_NO_CACHE: '1' } }).rawStdout).toBe(reference.rawStdout);
    expect(readdirSync(cacheDir)).toEqual([]);
    const blocked = join(tempDir(), 'fichier');
    writeFileSync(blocked, 'pas un dossier');
    const run = tnlProcess(args, { env: { TNL_CACHE_DIR: blocked } });
    expect(run.code).toBe(0);
    expect(run.rawStdout).toBe(reference.rawStdout);
    expect(run.rawStderr).toBe(reference.rawStderr);
  });
});
