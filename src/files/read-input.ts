import { readFileSync, statSync, type Stats } from 'node:fs';
import { createHash } from 'node:crypto';
import { InputError } from '../findings/errors.js';
import { systemErrorText } from './system-errors.js';

/**
 * The largest input tnl reads (an export of 100 000 dossiers is about 250 MB). A larger file is
 * refused before it is read, so that a mistaken path never fills the memory.
 */
export const MAX_INPUT_BYTES = 1 << 30;

/** Every file read as an input in this process, by device and inode: an output never replaces one. */
const inputs = new Map<string, string>();

/** A new command starts: the inputs of the previous one (a test runs many in one process) are forgotten. */
export function beginRun(): void {
  inputs.clear();
}

const identity = (s: Stats): string => `${s.dev}:${s.ino}`;

/** Remembers a file as an input of the running command (done by every reader below). */
function registerInput(file: string, stats: Stats = statSync(file)): void {
  inputs.set(identity(stats), file);
}

/** The input that `stats` is (same file, through a symlink or a hard link), if any. */
export function inputAt(stats: Stats): string | undefined {
  return inputs.get(identity(stats));
}

/**
 * Checks that a path is a regular file that can be read: a folder, a FIFO (which would block until
 * someone writes to it), a device (`/dev/zero` never ends) or a file over the size limit is refused
 * with a message, before anything is read.
 */
function checkReadable(file: string): Stats {
  let stats: Stats;
  try {
    stats = statSync(file);
  } catch (e) {
    throw new InputError(systemErrorText(e, 'lecture'), file);
  }
  if (stats.isDirectory()) throw new InputError('c’est un dossier, pas un fichier', file);
  if (!stats.isFile())
    throw new InputError(
      `ce n’est pas un fichier ordinaire (${stats.isFIFO() ? 'tube nommé' : stats.isCharacterDevice() || stats.isBlockDevice() ? 'périphérique' : 'fichier spécial'}) : enregistrez d’abord les données dans un fichier`,
      file,
    );
  if (stats.size > MAX_INPUT_BYTES) throw new InputError(`fichier trop gros (${Math.round(stats.size / 2 ** 20)} Mo ; 1 024 Mo au plus)`, file);
  return stats;
}

/** Reads an input file's bytes; a missing, unreadable or non-regular file is an InputError (exit 2). */
export function readInput(file: string): Buffer {
  const stats = checkReadable(file);
  try {
    const bytes = readFileSync(file);
    registerInput(file, stats);
    return bytes;
  } catch (e) {
    throw new InputError(systemErrorText(e, 'lecture'), file);
  }
}

/** Reads a UTF-8 text file (BOM removed); binary content is refused. */
export function readTextInput(file: string): { text: string; bytes: Buffer } {
  const bytes = readInput(file);
  if (bytes.subarray(0, 8000).includes(0)) throw new InputError('fichier binaire : un fichier texte est attendu', file);
  let text = bytes.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { text, bytes };
}

export function sha256(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}
