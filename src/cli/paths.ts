import { resolve } from 'node:path';
import type { Io } from './io.js';

/** A path of the command line, resolved against the run's working directory. */
export function at(io: Io, path: string): string {
  return resolve(io.cwd, path);
}

/** An optional folder of the command line (--root, --templates), resolved. */
export function atOptional(io: Io, path: string | undefined): string | undefined {
  return path === undefined ? undefined : resolve(io.cwd, path);
}
