import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, cpSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const bin = join(root, 'bin', 'tnl.cjs');

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

/** A stream that keeps what is written to it. */
class Captured {
  readonly isTTY = false;
  private readonly chunks: Buffer[] = [];
  write(chunk: string | Uint8Array): boolean {
    this.chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk));
    return true;
  }
  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

type Main = (argv: readonly string[], io: { stdout: Captured; stderr: Captured; env: NodeJS.ProcessEnv; cwd: string; now: () => Date }) => Promise<number>;
let main: Main | undefined;

/**
 * Runs a tnl command in this process, as the binary would (the built dist/, colours off), with
 * memory streams: what every test uses. `tnlProcess` spawns the binary, for what only a process
 * shows (signals, a closed pipe, exit codes of bin/tnl.cjs itself): one end-to-end test per command.
 */
export async function tnl(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliResult> {
  main ??= ((await import(join(root, 'dist', 'cli', 'main.js'))) as { main: Main }).main;
  const stdout = new Captured();
  const stderr = new Captured();
  const code = await main(args, { stdout, stderr, env: { ...process.env, NO_COLOR: '1', ...opts.env }, cwd: opts.cwd ?? root, now: () => new Date() });
  const out = stdout.text();
  const err = stderr.text();
  return { code, stdout: plain(out), stderr: plain(err), rawStdout: out, rawStderr: err };
}

/** Runs the built binary in a child process, colours off, like a user would. */
export function tnlProcess(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string; timeout?: number } = {}): CliResult {
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

/** Runs the built binary in a child process without blocking the event loop. */
export function tnlProcessAsync(args: string[], opts: { env?: NodeJS.ProcessEnv } = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: root, env: { ...process.env, NO_COLOR: '1', ...opts.env } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout: plain(out), stderr: plain(err), rawStdout: out, rawStderr: err }));
  });
}
