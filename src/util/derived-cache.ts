import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeAtomic } from '../output/atomic-write.js';
import { packageRoot, schemaPath } from '../paths.js';

/**
 * What tnl derives from its YAML files (a checked edition, a checked results file), remembered
 * between commands. Parsing YAML and checking it costs about a tenth of a second on every command,
 * for files that change a few times a year. A result is kept in `node_modules/.cache/tnl/<kind>/`
 * under a key that changes with anything it depends on: the bytes of the files, their names as
 * messages show them, the schemas, and the build of tnl itself (`dist/build-id`, written by
 * `npm run build`). Only what checked without error is kept. `TNL_NO_CACHE=1` turns it off;
 * `TNL_CACHE_DIR` moves it. Never needed for correctness: any problem with it (no build id, as when
 * tests run from the sources; unwritable folder; damaged file) means the files are read as without it.
 */
const buildIdFile = fileURLToPath(new URL('../build-id', import.meta.url));

export interface CacheInput {
  /** The file's name as messages show it (findings carry it). */
  name: string;
  bytes: Buffer;
}

/** The build id and the schemas, read once per process (the archive asks once per results file). */
const fixedParts = new Map<string, Buffer[] | null>();

function keyParts(schemas: readonly string[]): Buffer[] | null {
  const id = schemas.join('\0');
  let parts = fixedParts.get(id);
  if (parts === undefined) {
    parts = existsSync(buildIdFile) ? [readFileSync(buildIdFile), ...schemas.map((s) => readFileSync(schemaPath(s)))] : null;
    fixedParts.set(id, parts);
  }
  return parts;
}

/** The cache file for these inputs, or undefined when there is no cache. */
export function derivedCacheFile(kind: string, schemas: readonly string[], inputs: readonly CacheInput[]): string | undefined {
  if (process.env.TNL_NO_CACHE) return undefined;
  const parts = keyParts(schemas);
  if (!parts) return undefined;
  const dir = process.env.TNL_CACHE_DIR ? join(process.env.TNL_CACHE_DIR, kind) : join(packageRoot, 'node_modules', '.cache', 'tnl', kind);
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\0');
  for (const f of inputs) hash.update('\0').update(f.name).update('\0').update(f.bytes);
  return join(dir, `${hash.digest('hex')}.json`);
}

export function readDerived<T>(file: string | undefined, looksRight: (value: T) => boolean): T | undefined {
  if (!file || !existsSync(file)) return undefined;
  try {
    const value = JSON.parse(readFileSync(file, 'utf8')) as T;
    return value && looksRight(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

export function writeDerived(file: string | undefined, value: unknown): void {
  if (!file) return;
  try {
    writeAtomic(file, JSON.stringify(value));
  } catch {
    // A read-only installation: no cache, nothing else changes.
  }
}
