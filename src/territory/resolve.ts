import { normaliseAuthorityName } from './authority-name.js';
import { allCommunes, allEpcis } from './insee.js';

export type Resolution =
  | { status: 'found'; code: string; name: string; population?: number }
  | { status: 'ambiguous'; candidates: { code: string; name: string; departement?: string }[] }
  | { status: 'none' };

const EPCI_PREFIX = /^(ca|cc|cu|communaute (de communes|d agglomeration|urbaine)|metropole|agglomeration) (du |de la |de l |de |d |des )?/;
const stripEpci = (s: string) => normaliseAuthorityName(s).replace(EPCI_PREFIX, '').trim();
/** « Communauté d'agglomération du Sud » → « ca du sud », as the INSEE names EPCI. */
const abbreviate = (s: string) =>
  normaliseAuthorityName(s)
    .replace(/^communaute d agglomeration /, 'ca ')
    .replace(/^communaute de communes /, 'cc ')
    .replace(/^communaute urbaine /, 'cu ');

let communeIndex: Map<string, { code: string; nom: string; departement?: string; population?: number }[]> | undefined;
let epciIndex: Map<string, { code: string; nom: string; population?: number }[]> | undefined;

/**
 * A commune from its name and département: found only when exactly one commune matches.
 * Never a guess: several matches are returned as candidates for a person to choose.
 */
export function resolveCommune(name: string, departement?: string | null): Resolution {
  if (!communeIndex) {
    communeIndex = new Map();
    for (const c of allCommunes()) {
      const key = normaliseAuthorityName(c.nom);
      communeIndex.set(key, [...(communeIndex.get(key) ?? []), c]);
    }
  }
  const all = communeIndex.get(normaliseAuthorityName(name)) ?? [];
  const list = departement ? all.filter((c) => c.departement === departement) : all;
  if (list.length === 1) {
    const c = list[0]!;
    return { status: 'found', code: c.code, name: c.nom, ...(c.population !== undefined ? { population: c.population } : {}) };
  }
  if (list.length > 1)
    return { status: 'ambiguous', candidates: list.map((c) => ({ code: c.code, name: c.nom, ...(c.departement ? { departement: c.departement } : {}) })) };
  return { status: 'none' };
}

/** An EPCI from its name (« Dracénie Provence Verdon Agglomération » = « CA Dracénie Provence Verdon Agglomération »). */
export function resolveEpci(name: string): Resolution {
  if (!epciIndex) {
    epciIndex = new Map();
    for (const e of allEpcis()) {
      const record = { code: e.code, nom: e.nom, population: e.populationMunicipale ?? e.populationTotale };
      for (const key of new Set([normaliseAuthorityName(e.nom), stripEpci(e.nom)])) epciIndex.set(key, [...(epciIndex.get(key) ?? []), record]);
    }
  }
  const list = epciIndex.get(abbreviate(name)) ?? epciIndex.get(stripEpci(name)) ?? [];
  const unique = [...new Map(list.map((e) => [e.code, e])).values()];
  if (unique.length === 1) {
    const e = unique[0]!;
    return { status: 'found', code: e.code, name: e.nom, ...(e.population !== undefined ? { population: e.population } : {}) };
  }
  if (unique.length > 1) return { status: 'ambiguous', candidates: unique.map((e) => ({ code: e.code, name: e.nom })) };
  return { status: 'none' };
}
