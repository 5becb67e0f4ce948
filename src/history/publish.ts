import { frCollator } from '../util/french.js';
import type { Decisions } from '../decisions/decisions.js';
import type { Edition } from '../edition/types.js';
import { POPULATION_SOURCE } from './import-public.js';
import type { EditionResults, Laureate } from './types.js';

/** One dossier of a `tnl score --format json` file, as publish needs it. */
export interface ScoredDossier {
  number: string;
  name: string;
  kind: Laureate['kind'] | null;
  population: number | null;
  departement: string | null;
  code: string | null;
  proposedLevel: string | null;
  finalLevel: string | null;
  mentions: string[];
  carrier?: string;
}

type Check = (v: unknown) => boolean;
const text: Check = (v) => typeof v === 'string';
const orNull =
  (c: Check): Check =>
  (v) =>
    v === null || c(v);
const FIELDS: [keyof ScoredDossier, Check, string, boolean][] = [
  ['number', (v) => typeof v === 'string' && v.trim() !== '', 'un numéro (texte)', true],
  ['name', (v) => typeof v === 'string' && v.trim() !== '', 'un nom (texte non vide)', true],
  ['kind', orNull(text), 'un type de collectivité (texte) ou null', true],
  ['population', orNull((v) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0), 'un nombre entier positif ou null', true],
  ['departement', orNull(text), 'un département (texte) ou null', true],
  ['code', orNull(text), 'un code (texte) ou null', true],
  ['proposedLevel', orNull(text), 'un niveau (texte) ou null', true],
  ['finalLevel', orNull(text), 'un niveau (texte) ou null', true],
  ['mentions', (v) => Array.isArray(v) && v.every(text), 'une liste de mentions (textes)', true],
  ['carrier', text, 'un nom (texte)', false],
];

/**
 * The problems of the dossiers of a scores file, each with its place (`dossiers[3].name`): a file
 * edited by hand, or another JSON, is refused with what is wrong, never half read. Pure.
 */
export function scoredDossierProblems(dossiers: readonly unknown[]): string[] {
  const problems: string[] = [];
  dossiers.forEach((d, i) => {
    if (typeof d !== 'object' || d === null || Array.isArray(d))
      return void problems.push(`dossiers[${i}] : un dossier (objet) est attendu, pas ${JSON.stringify(d)}`);
    const o = d as Record<string, unknown>;
    for (const [field, ok, what, required] of FIELDS) {
      if (!Object.prototype.hasOwnProperty.call(o, field)) {
        if (required) problems.push(`dossiers[${i}].${field} manque : ${what} est attendu`);
      } else if (!ok(o[field])) problems.push(`dossiers[${i}].${field} : ${what} est attendu, pas ${JSON.stringify(o[field])}`);
    }
  });
  return problems;
}

/**
 * The final results of an edition → its results file: every dossier with a final level is a
 * laureate, with its mentions (by label) and the person who carried it. Pure.
 */
export function resultsFromScores(edition: Edition, dossiers: readonly ScoredDossier[], decisions?: Decisions, deposited = dossiers.length): EditionResults {
  const mentionLabel = new Map(edition.rubric.mentions.map((m) => [m.id, m.label]));
  const laureates: Laureate[] = [];
  for (const d of dossiers) {
    const decision = decisions?.byDossier.get(d.number);
    const level = decision && decision.level !== undefined ? decision.level : d.finalLevel;
    if (level === null || !d.kind) continue;
    const ids = decision ? decision.mentions : d.mentions;
    const mentions = ids.map((m) => mentionLabel.get(m) ?? m);
    const reasons = Object.fromEntries(
      ids.flatMap((m) => (decision?.mentionReasons?.[m] ? [[mentionLabel.get(m) ?? m, decision.mentionReasons[m]] as const] : [])),
    );
    const carrier = decision?.carrier ?? d.carrier;
    laureates.push({
      name: d.name,
      kind: d.kind,
      ...(d.code && /^(\d{5}|2[AB]\d{3}|\d{9})$/.test(d.code) ? { code: d.code } : {}),
      ...(d.departement && /^(\d{2,3}|2[AB])$/.test(d.departement) ? { departement: d.departement } : {}),
      ...(d.population !== null ? { population: d.population, populationSource: 'population déclarée dans le dossier' } : {}),
      level,
      ...(carrier ? { carrier } : {}),
      mentions,
      ...(Object.keys(reasons).length ? { mentionReasons: reasons } : {}),
    });
  }
  const order = edition.rubric.levels.map((l) => l.id);
  laureates.sort((a, b) => order.indexOf(a.level!) - order.indexOf(b.level!) || frCollator.compare(a.name, b.name));
  const levels = Object.fromEntries(order.map((id) => [id, laureates.filter((l) => l.level === id).length]));
  return {
    edition: edition.year,
    number: edition.questionnaire.number,
    scale: edition.rubric.scale,
    complete: true,
    published: { applications: deposited, awarded: laureates.length, levels },
    juryDate: decisions?.juryDate ?? null,
    resultsPublished: null,
    jury: [],
    laureates,
    sources: [],
    notes: [],
  };
}

export { POPULATION_SOURCE };
