import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
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

/** What a file is written from: text, bytes, or text in pieces (a large output is never one string). */
export type FileContent = string | Uint8Array | Iterable<string>;

/**
 * Writes a file atomically: a temp file beside the target, then rename. A reader never sees a
 * half-written file, and an interrupted run leaves the previous version untouched.
 */
export function writeAtomic(file: string, content: FileContent): void {
  hookSignals();
  const dir = dirname(file);
  const tmp = join(dir, `.${basename(file)}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
  try {
    mkdirSync(dir, { recursive: true });
    pending.add(tmp);
    if (typeof content === 'string' || content instanceof Uint8Array) writeFileSync(tmp, content);
    else writePieces(tmp, content);
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    throw new InputError(`écriture impossible (${code})`, file);
  } finally {
    pending.delete(tmp);
  }
}

/** Pieces of text gathered into strings of about a megabyte: few writes, never one huge string. */
function* batches(pieces: Iterable<string>): Generator<string> {
  let batch: string[] = [];
  let size = 0;
  for (const piece of pieces) {
    batch.push(piece);
    size += piece.length;
    if (size >= 1 << 20) {
      yield batch.join('');
      batch = [];
      size = 0;
    }
  }
  if (batch.length) yield batch.join('');
}

/**
 * Writes pieces of text through one buffer of a megabyte, each piece encoded straight into it:
 * no string of the whole batch is ever built.
 */
function writePieces(path: string, pieces: Iterable<string>): void {
  const fd = openSync(path, 'w');
  const buffer = Buffer.allocUnsafe(1 << 20);
  let used = 0;
  // write(2) may write less than asked: loop until all is in the file.
  const writeAll = (bytes: Uint8Array, length: number) => {
    for (let done = 0; done < length; ) done += writeSync(fd, bytes, done, length - done);
  };
  try {
    for (const piece of pieces) {
      // A UTF-16 code unit is at most 3 bytes of UTF-8.
      if (used + piece.length * 3 > buffer.length) {
        writeAll(buffer, used);
        used = 0;
      }
      if (piece.length * 3 > buffer.length) {
        const bytes = Buffer.from(piece, 'utf8');
        writeAll(bytes, bytes.length);
      } else used += buffer.write(piece, used, 'utf8');
    }
    writeAll(buffer, used);
  } finally {
    closeSync(fd);
  }
}

/** Text, whole or in pieces, written to a stream (standard output) in batches of about a megabyte. */
export function writePiecesTo(stream: { write(s: string): unknown }, content: string | Iterable<string>): void {
  if (typeof content === 'string') stream.write(content);
  else for (const batch of batches(content)) stream.write(batch);
}
