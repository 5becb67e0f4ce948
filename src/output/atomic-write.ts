import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { InputError } from '../findings/errors.js';

const pending = new Set<string>();
let hooked = false;

/** On SIGINT/SIGTERM, remove temp files still being written, then exit 130/143. */
function hookSignals(): void {
  if (hooked) return;
  hooked = true;
  const cleanup = (code: number) => () => {
    for (const f of pending) rmSync(f, { force: true });
    process.exit(code);
  };
  process.once('SIGINT', cleanup(130));
  process.once('SIGTERM', cleanup(143));
}

/**
 * Writes a file atomically: a temp file beside the target, then rename. A reader never sees a
 * half-written file, and an interrupted run leaves the previous version untouched.
 */
export function writeAtomic(file: string, content: string | Uint8Array): void {
  hookSignals();
  const dir = dirname(file);
  const tmp = join(dir, `.${basename(file)}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
  try {
    mkdirSync(dir, { recursive: true });
    pending.add(tmp);
    writeFileSync(tmp, content);
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    throw new InputError(`écriture impossible (${code})`, file);
  } finally {
    pending.delete(tmp);
  }
}
