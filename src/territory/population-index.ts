import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/**
 * What the INSEE check of `tnl score` needs of @etalab/decoupage-administratif, and nothing else:
 * code (and SIREN) → municipal population and name, for communes and EPCI. Derived from the
 * library's data by `npm run build` (dist/territory/populations.json, 1.5 MB instead of 12 MB of
 * JSON to parse on every run) and used only while it matches the installed version of the library.
 */
export interface PopulationIndex {
  /** Version of @etalab/decoupage-administratif it was derived from. */
  version: string;
  /** INSEE code → [population, name], for every current commune with a population. */
  communes: Record<string, [number, string]>;
  /** SIREN of a commune → its INSEE code. */
  communeSirens: Record<string, string>;
  /** SIREN → [population (municipal, else total), name], for every EPCI with a population. */
  epcis: Record<string, [number, string]>;
  /** INSEE code of a commune → SIREN of the EPCI it belongs to (each commune belongs to one). */
  communeEpci: Record<string, string>;
}

interface CommuneRecord {
  code: string;
  nom: string;
  type: string;
  siren?: string;
  population?: number;
}
interface EpciRecord {
  code: string;
  nom: string;
  populationMunicipale?: number;
  populationTotale?: number;
  membres?: { code: string }[];
}

const require = createRequire(import.meta.url);
/** Where the build writes the shards of the index. */
export const populationsDir = fileURLToPath(new URL('./populations', import.meta.url));

export function etalabVersion(): string {
  return (require('@etalab/decoupage-administratif/package.json') as { version: string }).version;
}

/** The index, from the library's full data. */
export function buildPopulationIndex(): PopulationIndex {
  // Objects keyed by code rather than lists: JSON.parse builds the lookup tables itself.
  const index: PopulationIndex = { version: etalabVersion(), communes: {}, communeSirens: {}, epcis: {}, communeEpci: {} };
  for (const c of require('@etalab/decoupage-administratif/data/communes.json') as CommuneRecord[]) {
    if (c.type !== 'commune-actuelle' || c.population === undefined) continue;
    index.communes[c.code] = [c.population, c.nom];
    if (c.siren) index.communeSirens[c.siren] = c.code;
  }
  for (const e of require('@etalab/decoupage-administratif/data/epci.json') as EpciRecord[]) {
    const population = e.populationMunicipale ?? e.populationTotale;
    if (population !== undefined) index.epcis[e.code] = [population, e.nom];
    for (const m of e.membres ?? []) index.communeEpci[m.code] = e.code;
  }
  return index;
}

/** How many files the index is cut into: a season's two dozen look-ups read a few small ones, not 1.5 MB. */
export const SHARDS = 512;

type IndexPart = 'communes' | 'communeSirens' | 'epcis' | 'communeEpci';
type Shard = Pick<PopulationIndex, IndexPart>;

/** The shard a key lives in (FNV-1a, stable across runs and machines). */
export function shardOf(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193) >>> 0;
  return h % SHARDS;
}

/** The index cut into shards by key, as the build writes them (dist/territory/populations/NN.json). */
export function shardIndex(index: PopulationIndex): { meta: { version: string; shards: number }; shards: Shard[] } {
  const shards: Shard[] = Array.from({ length: SHARDS }, () => ({ communes: {}, communeSirens: {}, epcis: {}, communeEpci: {} }));
  for (const part of ['communes', 'communeSirens', 'epcis', 'communeEpci'] as const)
    for (const [key, value] of Object.entries(index[part])) (shards[shardOf(key)]![part] as Record<string, unknown>)[key] = value;
  return { meta: { version: index.version, shards: SHARDS }, shards };
}

/** Look-ups in the index: one shard read at a time, when the build's shards match the installed library. */
export interface PopulationLookup {
  get<P extends IndexPart>(part: P, key: string): PopulationIndex[P][string] | undefined;
}

/** The index written by the build when it is that of the installed library; otherwise built here, whole. */
export function loadPopulationIndex(): PopulationLookup {
  let meta: { version: string; shards: number } | undefined;
  try {
    meta = require('../territory/populations/meta.json') as { version: string; shards: number };
  } catch {
    meta = undefined; // tests run from the sources: no build output beside this module
  }
  if (meta && meta.version === etalabVersion() && meta.shards === SHARDS) {
    const loaded = new Map<number, Shard>();
    return {
      get(part, key) {
        const n = shardOf(key);
        let shard = loaded.get(n);
        if (!shard) {
          shard = require(`../territory/populations/${String(n).padStart(3, '0')}.json`) as Shard;
          loaded.set(n, shard);
        }
        const table = shard[part] as Record<string, PopulationIndex[typeof part][string]>;
        return Object.hasOwn(table, key) ? table[key] : undefined;
      },
    };
  }
  const whole = buildPopulationIndex();
  return { get: (part, key) => (Object.hasOwn(whole[part], key) ? (whole[part] as Record<string, PopulationIndex[typeof part][string]>)[key] : undefined) };
}
