// npm run build, after tsc: what is derived once from the sources and the libraries, rather than
// on every command (compiled schema validators, the population index of the INSEE check), and the
// identity of the build that keys the cache of checked editions.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validatorsFile, validatorsSource } from './compile-validators.js';
import { writeAtomic } from '../files/atomic-write.js';
import { buildPopulationIndex, populationsDir, shardIndex } from '../territory/population-index.js';
import { makeDir } from '../files/atomic-write.js';

writeAtomic(validatorsFile, validatorsSource());
// The INSEE index, in shards: a command reads the few it needs (src/territory/population-index.ts).
const { meta, shards } = shardIndex(buildPopulationIndex());
makeDir(populationsDir);
shards.forEach((shard, i) => writeAtomic(join(populationsDir, `${String(i).padStart(3, '0')}.json`), `${JSON.stringify(shard)}\n`));
writeAtomic(join(populationsDir, 'meta.json'), `${JSON.stringify(meta)}\n`);

// The build's identity, part of every cache key (src/util/derived-cache.ts): the compiled code.
writeAtomic(buildIdFile(), `${buildId()}\n`);

function buildIdFile(): string {
  return fileURLToPath(new URL('../build-id', import.meta.url));
}

/** sha256 of every compiled file of dist/, in a stable order. */
function buildId(): string {
  const dist = fileURLToPath(new URL('..', import.meta.url));
  const hash = createHash('sha256');
  const files = (readdirSync(dist, { recursive: true }) as string[]).filter((f) => /\.(js|cjs|json)$/.test(f)).sort();
  for (const f of files)
    hash
      .update(f)
      .update('\0')
      .update(readFileSync(join(dist, f)));
  return hash.digest('hex');
}
