import { existsSync, readFileSync } from 'node:fs';
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
  /** [INSEE code, SIREN or "", population, name] of every current commune with a population. */
  communes: [string, string, number, string][];
  /** [SIREN, population, name] of every EPCI with a population (municipal, else total). */
  epcis: [string, number, string][];
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
}

const require = createRequire(import.meta.url);
export const populationsFile = fileURLToPath(new URL('./populations.json', import.meta.url));

export function etalabVersion(): string {
  return (require('@etalab/decoupage-administratif/package.json') as { version: string }).version;
}

/** The index, from the library's full data. */
export function buildPopulationIndex(): PopulationIndex {
  const communes = (require('@etalab/decoupage-administratif/data/communes.json') as CommuneRecord[])
    .filter((c) => c.type === 'commune-actuelle' && c.population !== undefined)
    .map((c): [string, string, number, string] => [c.code, c.siren ?? '', c.population!, c.nom]);
  const epcis = (require('@etalab/decoupage-administratif/data/epci.json') as EpciRecord[])
    .filter((e) => (e.populationMunicipale ?? e.populationTotale) !== undefined)
    .map((e): [string, number, string] => [e.code, (e.populationMunicipale ?? e.populationTotale)!, e.nom]);
  return { version: etalabVersion(), communes, epcis };
}

/** The index written by the build when it is that of the installed library; otherwise built here. */
export function loadPopulationIndex(): PopulationIndex {
  if (existsSync(populationsFile)) {
    const index = JSON.parse(readFileSync(populationsFile, 'utf8')) as PopulationIndex;
    if (index.version === etalabVersion()) return index;
  }
  return buildPopulationIndex();
}
