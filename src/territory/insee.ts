import { createRequire } from 'node:module';
import type { TerritoryLookup } from '../scoring/score.js';

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
let communes: Map<string, CommuneRecord> | undefined;
let communesBySiren: Map<string, CommuneRecord> | undefined;
let communeList: CommuneRecord[] | undefined;
let epcis: Map<string, EpciRecord> | undefined;
let epciList: EpciRecord[] | undefined;
let departements: DepartementRecord[] | undefined;

export function allCommunes(): CommuneRecord[] {
  if (!communeList) {
    communeList = (require('@etalab/decoupage-administratif/data/communes.json') as CommuneRecord[]).filter((c) => c.type === 'commune-actuelle');
    communes = new Map(communeList.map((c) => [c.code, c]));
    communesBySiren = new Map(communeList.filter((c) => c.siren).map((c) => [c.siren!, c]));
  }
  return communeList;
}

export function allEpcis(): EpciRecord[] {
  if (!epciList) {
    epciList = require('@etalab/decoupage-administratif/data/epci.json') as EpciRecord[];
    epcis = new Map(epciList.map((e) => [e.code, e]));
  }
  return epciList;
}

export function allDepartements(): DepartementRecord[] {
  return (departements ??= require('@etalab/decoupage-administratif/data/departements.json') as DepartementRecord[]);
}

export function departementName(code: string): string | undefined {
  return allDepartements().find((d) => d.code === code)?.nom;
}

/** Population of a commune (INSEE code or SIREN) or an EPCI (SIREN), municipal population. */
export function referencePopulation(code: string, kind: string): { population: number; name: string } | undefined | 'unchecked' {
  if (kind !== 'commune' && kind !== 'epci') return 'unchecked';
  const c = code.trim().toUpperCase();
  if (kind === 'commune') {
    allCommunes();
    const found = communes!.get(c) ?? communesBySiren!.get(c);
    return found?.population !== undefined ? { population: found.population, name: found.nom } : undefined;
  }
  allEpcis();
  const e = epcis!.get(c);
  const pop = e?.populationMunicipale ?? e?.populationTotale;
  return e && pop !== undefined ? { population: pop, name: e.nom } : undefined;
}

export const inseeLookup: TerritoryLookup = { population: referencePopulation };
