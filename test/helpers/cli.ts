import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, cpSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const bin = join(root, 'bin', 'tnl.js');

export interface CliResult {
  code: number;
  /** Output with no-break spaces turned into plain ones, for readable assertions. */
  stdout: string;
  stderr: string;
  /** Output exactly as printed. */
  rawStdout: string;
  rawStderr: string;
}

export const plain = (s: string): string => s.replace(/[\u00a0\u202f]/g, ' ');

/** Runs the built binary, colours off, like a user would. */
export function tnl(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string; timeout?: number } = {}): CliResult {
  const r = spawnSync(process.execPath, [bin, ...args], {
    ...(opts.timeout ? { timeout: opts.timeout } : {}),
    cwd: opts.cwd ?? root,
    env: { ...process.env, NO_COLOR: '1', ...opts.env },
    encoding: 'utf8',
    input: opts.input ?? '',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status ?? -1, stdout: plain(r.stdout), stderr: plain(r.stderr), rawStdout: r.stdout, rawStderr: r.stderr };
}

export function tempDir(prefix = 'tnl-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A copy of the bundled editions in a temp root, to break on purpose. */
export function copyEditions(): string {
  const dir = tempDir();
  cpSync(join(root, 'questionnaires'), join(dir, 'questionnaires'), { recursive: true });
  cpSync(join(root, 'rubrics'), join(dir, 'rubrics'), { recursive: true });
  return dir;
}

/** Replaces one exact piece of text in a file (it must occur once) and returns the 1-based line of the change. */
export function edit(file: string, from: string, to: string): number {
  const text = readFileSync(file, 'utf8');
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + 1) >= 0) throw new Error(`text to replace must occur exactly once in ${file}: ${from}`);
  writeFileSync(file, text.slice(0, at) + to + text.slice(at + from.length));
  return text.slice(0, at).split('\n').length;
}

/** Runs the built binary without blocking the event loop (for tests that serve HTTP in-process). */
export function tnlAsync(args: string[], opts: { env?: NodeJS.ProcessEnv } = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: root, env: { ...process.env, NO_COLOR: '1', ...opts.env } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout: plain(out), stderr: plain(err), rawStdout: out, rawStderr: err }));
  });
}
