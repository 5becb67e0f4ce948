import { createRequire } from 'node:module';
import type { TerritoryLookup } from '../scoring/score.js';
import { loadPopulationIndex } from './population-index.js';

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
interface DepartementRecord {
  code: string;
  nom: string;
  region: string;
}

const require = createRequire(import.meta.url);
let communeList: CommuneRecord[] | undefined;
let epciList: EpciRecord[] | undefined;
let departements: DepartementRecord[] | undefined;

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

export function allDepartements(): DepartementRecord[] {
  return (departements ??= require('@etalab/decoupage-administratif/data/departements.json') as DepartementRecord[]);
}

export function departementName(code: string): string | undefined {
  return allDepartements().find((d) => d.code === code)?.nom;
}

let populations: { communes: Map<string, [number, string]>; bySiren: Map<string, [number, string]>; epcis: Map<string, [number, string]> } | undefined;

/** Population of a commune (INSEE code or SIREN) or an EPCI (SIREN), municipal population. */
export function referencePopulation(code: string, kind: string): { population: number; name: string } | undefined | 'unchecked' {
  if (kind !== 'commune' && kind !== 'epci') return 'unchecked';
  if (!populations) {
    const index = loadPopulationIndex();
    populations = { communes: new Map(), bySiren: new Map(), epcis: new Map() };
    for (const [insee, siren, population, name] of index.communes) {
      populations.communes.set(insee, [population, name]);
      if (siren) populations.bySiren.set(siren, [population, name]);
    }
    for (const [siren, population, name] of index.epcis) populations.epcis.set(siren, [population, name]);
  }
  const c = code.trim().toUpperCase();
  const found = kind === 'commune' ? (populations.communes.get(c) ?? populations.bySiren.get(c)) : populations.epcis.get(c);
  return found ? { population: found[0], name: found[1] } : undefined;
}

export const inseeLookup: TerritoryLookup = { population: referencePopulation };
