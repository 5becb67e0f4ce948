import { readFileSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { InputError } from '../findings/errors.js';

/** Reads an input file's bytes; a missing or unreadable file is an InputError (exit 2). */
export function readInput(file: string): Buffer {
  try {
    if (statSync(file).isDirectory()) throw new InputError('c’est un dossier, pas un fichier', file);
    return readFileSync(file);
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'fichier introuvable' : code === 'EACCES' ? 'lecture refusée (droits insuffisants)' : `lecture impossible (${code ?? String(e)})`;
    throw new InputError(why, file);
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
