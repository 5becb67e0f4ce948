import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeAtomic } from './atomic-write.js';
import { homedir } from 'node:os';
import { schemaPath } from './paths.js';
import type { Env } from '../util/env.js';

/**
 * What tnl derives from its YAML files (a checked edition, a checked results file), remembered
 * between commands. Parsing YAML and checking it costs about a tenth of a second on every command,
 * for files that change a few times a year. A result is kept in the user's cache folder (`~/.cache/tnl/<kind>/`)
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

/** Where a result derived from these inputs is kept, and the key that seals it; undefined when there is no cache. */
export interface CacheSlot {
  file: string;
  key: string;
}

/** Where this run keeps its cache (undefined: no cache), from its environment: set by each run (src/cli/main.ts). */
let cacheRoot: string | undefined;

/**
 * TNL_NO_CACHE turns the cache off for the run; TNL_CACHE_DIR moves it. By default it is the user's
 * cache folder (XDG_CACHE_HOME, else ~/.cache), never inside tnl's installed package.
 */
export function configureCache(env: Env): void {
  cacheRoot = cacheDirectory(env);
}

/** The cache folder an environment asks for (undefined: no cache). */
export function cacheDirectory(env: Env): string | undefined {
  if (env.TNL_NO_CACHE) return undefined;
  if (env.TNL_CACHE_DIR) return env.TNL_CACHE_DIR;
  return join(env.XDG_CACHE_HOME || join(env.HOME || homedir(), '.cache'), 'tnl');
}

/** The cache slot for these inputs, or undefined when there is no cache. */
export function derivedCacheFile(kind: string, schemas: readonly string[], inputs: readonly CacheInput[]): CacheSlot | undefined {
  if (cacheRoot === undefined) return undefined;
  const parts = keyParts(schemas);
  if (!parts) return undefined;
  const dir = join(cacheRoot, kind);
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\0');
  for (const f of inputs) hash.update('\0').update(f.name).update('\0').update(f.bytes);
  const key = hash.digest('hex');
  // The name is a digest of the key, so the key (which seals the entry) is not written anywhere.
  return { file: join(dir, `${createHash('sha256').update(key).update('\0name').digest('hex')}.json`), key };
}

/**
 * The seal of an entry: a digest of its text under the full key, which only the source files give
 * (the file name is a digest of it, not the key's input). An entry edited by hand no longer matches
 * its seal and is ignored: the cache can never change a result.
 */
const seal = (key: string, json: string): string => createHash('sha256').update(key).update('\0').update(json).digest('hex');
const ENTRY = /^\{"seal":"([0-9a-f]{64})","value":/;

/** The remembered value, only when the file is a regular file, sealed for these sources, and of the right shape. */
export function readDerived<T>(slot: CacheSlot | undefined, looksRight: (value: T) => boolean): T | undefined {
  if (!slot) return undefined;
  try {
    // A symlink or anything but a regular file is not a cache entry tnl wrote.
    if (!lstatSync(slot.file).isFile()) return undefined;
    const text = readFileSync(slot.file, 'utf8');
    const head = ENTRY.exec(text);
    if (!head || !text.endsWith('}')) return undefined;
    const json = text.slice(head[0].length, -1);
    if (seal(slot.key, json) !== head[1]) return undefined;
    const value = JSON.parse(json) as T;
    return value && looksRight(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

export function writeDerived(slot: CacheSlot | undefined, value: unknown): void {
  if (!slot) return;
  try {
    const json = JSON.stringify(value);
    writeAtomic(slot.file, `{"seal":"${seal(slot.key, json)}","value":${json}}`);
  } catch {
    // A read-only installation: no cache, nothing else changes.
  }
}
