import { closeSync, lstatSync, mkdirSync, openSync, realpathSync, renameSync, rmSync, statSync, writeFileSync, writeSync, type Stats } from 'node:fs';
import { dirname, join } from 'node:path';
import { InputError, UsageError } from '../findings/errors.js';
import { inputAt } from './read-input.js';
import { systemErrorText } from './system-errors.js';
import { insideInstalledPackage } from './workspace.js';
import { onInterrupt } from './interrupt.js';

/** What a file is written from: text, bytes, or text in pieces (a large output is never one string). */
export type FileContent = string | Uint8Array | Iterable<string>;

const statOrUndefined = (file: string, follow: boolean): Stats | undefined => {
  try {
    return follow ? statSync(file) : lstatSync(file);
  } catch {
    return undefined;
  }
};

/** Refuses to write over a file the command read: an input is never destroyed. */
function refuseInput(file: string, stats: Stats | undefined = statOrUndefined(file, true)): void {
  const input = stats && inputAt(stats);
  if (input !== undefined)
    throw new InputError(`refusé : ce fichier est aussi une entrée de la commande (${input}) ; choisissez un autre fichier de sortie`, file);
}

/**
 * Where and how a path is written. A device, a FIFO or a socket (`/dev/stdout`, `/dev/null`, or a
 * symlink to one) is written in place: replacing it by a regular file would be destructive. A
 * symlink to a regular file is followed: the file it points to is replaced, the link stays.
 */
/** tnl never writes inside its own installed package: that is lost at the next install. */
function refuseInstalledPackage(path: string): void {
  if (insideInstalledPackage(path))
    throw new UsageError(
      'tnl n’écrit jamais dans son propre paquet installé (perdu à la prochaine installation) : travaillez dans votre espace de travail (tnl init dans un dossier vide, puis --root ou le dossier courant)',
    );
}

function target(file: string): { path: string; inPlace: boolean } {
  refuseInstalledPackage(file);
  const followed = statOrUndefined(file, true);
  refuseInput(file, followed);
  if (!followed) return { path: file, inPlace: false };
  if (followed.isDirectory()) throw new InputError('c’est un dossier : un nom de fichier est attendu', file);
  if (!followed.isFile() || /^\/(dev|proc)\//.test(file)) return { path: file, inPlace: true };
  const link = statOrUndefined(file, false);
  return { path: link?.isSymbolicLink() ? realpathSync(file) : file, inPlace: false };
}

/**
 * Writes a file atomically: a temp file beside the target, then rename. A reader never sees a
 * half-written file, and an interrupted or failed run (disk full) leaves the previous version
 * untouched and no temp file. The temp name is short whatever the target's name (a name may use
 * all 255 bytes a folder allows).
 */
export function writeAtomic(file: string, content: FileContent): void {
  const { path, inPlace } = target(file);
  if (inPlace) {
    try {
      writeContent(path, content);
    } catch (e) {
      throw new InputError(systemErrorText(e, 'écriture'), file);
    }
    return;
  }
  const dir = dirname(path);
  makeDir(dir);
  const tmp = join(dir, `.tnl-${process.pid}-${Math.random().toString(36).slice(2, 10)}.tmp`);
  const forget = onInterrupt(() => rmSync(tmp, { force: true }));
  try {
    writeContent(tmp, content);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    if (e instanceof InputError) throw e;
    if ((e as NodeJS.ErrnoException).code === undefined) throw e;
    throw new InputError(systemErrorText(e, 'écriture'), file);
  } finally {
    forget();
  }
}

/** Creates a folder and its parents; a file standing where a folder is needed is said plainly. */
export function makeDir(dir: string): void {
  refuseInstalledPackage(dir);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const blocker = code === 'EEXIST' || code === 'ENOTDIR' ? firstFileOnPath(dir) : undefined;
    if (blocker) throw new InputError(`création du dossier impossible : « ${blocker} » est un fichier, pas un dossier`, dir);
    throw new InputError(systemErrorText(e, 'création du dossier'), dir);
  }
  const stats = statOrUndefined(dir, true);
  if (stats && !stats.isDirectory()) throw new InputError('c’est un fichier, pas un dossier', dir);
}

function firstFileOnPath(dir: string): string | undefined {
  let at = dir;
  const chain: string[] = [];
  for (let parent = dirname(at); parent !== at; at = parent, parent = dirname(at)) chain.unshift(at);
  return chain.find((p) => {
    const s = statOrUndefined(p, true);
    return s !== undefined && !s.isDirectory();
  });
}

function writeContent(path: string, content: FileContent): void {
  if (typeof content === 'string' || content instanceof Uint8Array) writeFileSync(path, content);
  else writePieces(path, content);
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

/** Pieces of text written to a file in batches of about a megabyte: few writes, never the whole text in memory. */
function writePieces(path: string, pieces: Iterable<string>): void {
  const fd = openSync(path, 'w');
  try {
    for (const batch of batches(pieces)) {
      const bytes = Buffer.from(batch, 'utf8');
      // write(2) may write less than asked: loop until all is in the file.
      for (let done = 0; done < bytes.length;) done += writeSync(fd, bytes, done, bytes.length - done);
    }
  } finally {
    closeSync(fd);
  }
}

/** Text, whole or in pieces, written to a stream (standard output) in batches of about a megabyte. */
export function writePiecesTo(stream: { write(s: string): unknown }, content: string | Iterable<string>): void {
  if (typeof content === 'string') stream.write(content);
  else for (const batch of batches(content)) stream.write(batch);
}
