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
export const populationsFile = fileURLToPath(new URL('./populations.json', import.meta.url));

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

/** The index written by the build when it is that of the installed library; otherwise built here. */
export function loadPopulationIndex(): PopulationIndex {
  let built: PopulationIndex | undefined;
  try {
    built = require('./populations.json') as PopulationIndex;
  } catch {
    built = undefined; // tests run from the sources: no build output beside this module
  }
  if (built && built.version === etalabVersion() && built.communeEpci) return built;
  return buildPopulationIndex();
}
