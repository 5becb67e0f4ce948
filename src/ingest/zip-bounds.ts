import { inflateRawSync } from 'node:zlib';

/** The most a workbook may inflate to, all parts together (a DS workbook of a season is a few MB). */
const MAX_INFLATED_BYTES = 256 * 2 ** 20;

/**
 * Checks that a ZIP archive (an XLSX workbook) inflates to a bounded size, before any library
 * inflates it: the sizes its directory declares are added up, and each part is inflated with that
 * bound, so a part that lies about its size (a « zip bomb ») is caught at the bound, not after
 * filling the memory. Returns why the archive is refused, or undefined when it may be read.
 */
export function zipBoundsProblem(bytes: Buffer, max = MAX_INFLATED_BYTES): string | undefined {
  const end = findEndOfDirectory(bytes);
  if (end < 0) return 'classeur XLSX illisible (archive ZIP sans répertoire)';
  const count = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  let total = 0;
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== 0x02014b50) return 'classeur XLSX illisible (répertoire de l’archive abîmé)';
    const method = bytes.readUInt16LE(at + 10);
    const compressed = bytes.readUInt32LE(at + 20);
    const declared = bytes.readUInt32LE(at + 24);
    const nameLength = bytes.readUInt16LE(at + 28);
    const local = bytes.readUInt32LE(at + 42);
    const next = at + 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
    if (declared === 0xffffffff || compressed === 0xffffffff) return 'archive ZIP64 : une partie dépasse 4 Go';
    total += declared;
    if (total > max)
      return `le classeur se décompresse en plus de ${Math.round(max / 2 ** 20)} Mo : refusé (un export de démarches simplifiées en fait quelques-uns)`;
    if (method === 8) {
      if (local + 30 > bytes.length || bytes.readUInt32LE(local) !== 0x04034b50) return 'classeur XLSX illisible (partie de l’archive introuvable)';
      const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
      try {
        const out = inflateRawSync(bytes.subarray(start, start + compressed), { maxOutputLength: Math.max(1, declared) });
        if (out.length !== declared) return `archive ZIP incohérente : une partie ne fait pas la taille annoncée`;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE')
          return 'archive ZIP piégée : une partie se décompresse bien au-delà de la taille annoncée';
        return 'classeur XLSX illisible (partie de l’archive abîmée)';
      }
    }
    at = next;
  }
  return undefined;
}

function findEndOfDirectory(bytes: Buffer): number {
  const stop = Math.max(0, bytes.length - 22 - 0xffff);
  for (let i = bytes.length - 22; i >= stop; i--) if (bytes.readUInt32LE(i) === 0x06054b50) return i;
  return -1;
}
