import { pressFromSource, type Press } from '../report/press.js';
import { derivedCacheFile, readDerived, writeDerived } from './derived-cache.js';
import { displayPath, readYaml } from './edition-files.js';
import { readTextInput } from './read-input.js';

/**
 * Reads and checks a press.yaml; mistakes are located, all at once (exit 2). A file that checked
 * without error, bytes unchanged, is not parsed again (src/files/derived-cache.ts).
 */
export function loadPress(file: string, year: number): Press {
  const read = readTextInput(file);
  const slot = derivedCacheFile(
    'press',
    ['press'],
    [
      { name: displayPath(file), bytes: read.bytes },
      { name: 'edition', bytes: Buffer.from(String(year)) },
    ],
  );
  const cached = readDerived<Press>(slot, (v) => v.edition === year && Array.isArray(v.contacts));
  if (cached) return cached;
  const press = pressFromSource(readYaml(file, read).source, year);
  writeDerived(slot, press);
  return press;
}
