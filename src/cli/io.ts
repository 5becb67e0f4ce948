/**
 * What a command may touch of the world, passed in rather than reached for: its two output
 * streams, its environment, its working directory and its clock. `bin/tnl.cjs` passes the
 * process's; tests pass memory streams and a fixed clock, and run commands in process.
 */
export interface OutStream {
  write(chunk: string | Uint8Array): unknown;
  /** A terminal: progress bars and colours. */
  readonly isTTY?: boolean;
}

export type { Env } from '../util/env.js';
import type { Env } from '../util/env.js';

export interface Io {
  readonly stdout: OutStream;
  readonly stderr: OutStream;
  readonly env: Env;
  /** Where relative paths of the command line are resolved. */
  readonly cwd: string;
  readonly now: () => Date;
}

/** The process's own streams, environment, folder and clock. */
export function processIo(): Io {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd(), now: () => new Date() };
}
