import { createRequire } from 'node:module';
import type { TerritoryLookup } from './lookup.js';
import { loadPopulationIndex, type PopulationLookup } from './population-index.js';

/** Reference data of @etalab/decoupage-administratif, loaded on first use (13 MB of JSON). */
interface CommuneRecord {
  code: string;
  nom: string;
  type: string;
  departement?: string;
  siren?: string;
  population?: number;
  codesPostaux?: string[];
}
interface EpciRecord {
  code: string;
  nom: string;
  populationMunicipale?: number;
  populationTotale?: number;
}
const require = createRequire(import.meta.url);
let communeList: CommuneRecord[] | undefined;
let epciList: EpciRecord[] | undefined;

export function allCommunes(): CommuneRecord[] {
  if (!communeList) {
    communeList = (require('@etalab/decoupage-administratif/data/communes.json') as CommuneRecord[]).filter((c) => c.type === 'commune-actuelle');
  }
  return communeList;
}

export function allEpcis(): EpciRecord[] {
  if (!epciList) {
    epciList = require('@etalab/decoupage-administratif/data/epci.json') as EpciRecord[];
  }
  return epciList;
}

let populations: PopulationLookup | undefined;

/** Population of a commune (INSEE code or SIREN) or an EPCI (SIREN), municipal population. */
export function referencePopulation(code: string, kind: string): { population: number; name: string } | undefined | 'unchecked' {
  if (kind !== 'commune' && kind !== 'epci') return 'unchecked';
  const index = (populations ??= loadPopulationIndex());
  const c = code.trim().toUpperCase();
  let found: [number, string] | undefined;
  if (kind === 'commune') {
    found = index.get('communes', c);
    if (!found) {
      const insee = index.get('communeSirens', c);
      found = insee === undefined ? undefined : index.get('communes', insee);
    }
  } else found = index.get('epcis', c);
  return found ? { population: found[0], name: found[1] } : undefined;
}

/** The EPCI a commune belongs to (its SIREN and INSEE name), from the commune's INSEE code. */
export function epciOfCommune(communeCode: string): { code: string; name: string } | undefined {
  const index = (populations ??= loadPopulationIndex());
  const siren = index.get('communeEpci', communeCode.trim().toUpperCase());
  if (!siren) return undefined;
  return { code: siren, name: index.get('epcis', siren)?.[1] ?? siren };
}

export const inseeLookup: TerritoryLookup = { population: referencePopulation, epciOfCommune };
