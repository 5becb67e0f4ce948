import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Finding } from '../findings/finding.js';
import { writeAtomic } from '../output/atomic-write.js';
import { packageRoot, schemaPath } from '../paths.js';
import type { Edition } from './types.js';

/**
 * Checked editions, remembered between commands. Loading an edition means parsing two YAML files
 * and checking them (schema, consistency): about a tenth of a second, on every command, for files
 * that change a few times a year. The result is kept in `node_modules/.cache/tnl/editions/`, under
 * a key that changes with anything it depends on: the bytes of both files, their names as messages
 * show them, the schemas, and the build of tnl itself (`dist/build-id`, written by `npm run build`).
 * Only editions without errors are kept. `TNL_NO_CACHE=1` turns it off; `TNL_CACHE_DIR` moves it.
 * Never needed for correctness: any problem with it (no build id, unwritable folder, damaged file)
 * means the edition is loaded from its files, as without a cache.
 */
export interface CachedEdition {
  edition: Edition;
  findings: Finding[];
}

const buildIdFile = fileURLToPath(new URL('../build-id', import.meta.url));

function cacheDir(): string | undefined {
  if (process.env.TNL_NO_CACHE) return undefined;
  return process.env.TNL_CACHE_DIR ? join(process.env.TNL_CACHE_DIR, 'editions') : join(packageRoot, 'node_modules', '.cache', 'tnl', 'editions');
}

/** The cache file of an edition's two files, or undefined when there is no cache (tests from the sources). */
export function editionCacheFile(inputs: { questionnaire: { name: string; bytes: Buffer }; rubric: { name: string; bytes: Buffer } }): string | undefined {
  const dir = cacheDir();
  if (!dir || !existsSync(buildIdFile)) return undefined;
  const hash = createHash('sha256').update(readFileSync(buildIdFile));
  for (const schema of ['questionnaire', 'rubric']) hash.update('\0').update(readFileSync(schemaPath(schema)));
  for (const f of [inputs.questionnaire, inputs.rubric]) hash.update('\0').update(f.name).update('\0').update(f.bytes);
  return join(dir, `${hash.digest('hex')}.json`);
}

export function readCachedEdition(file: string | undefined): CachedEdition | undefined {
  if (!file || !existsSync(file)) return undefined;
  try {
    const cached = JSON.parse(readFileSync(file, 'utf8')) as CachedEdition;
    return cached.edition && Array.isArray(cached.findings) ? cached : undefined;
  } catch {
    return undefined;
  }
}

export function writeCachedEdition(file: string | undefined, value: CachedEdition): void {
  if (!file) return;
  try {
    writeAtomic(file, JSON.stringify(value));
  } catch {
    // A read-only installation: no cache, nothing else changes.
  }
}
