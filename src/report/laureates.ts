import { type Preposition, byProperName, capitalise, joinList, nameInText, numberToWords } from '../util/french.js';
import type { EditionResults, Laureate } from '../history/types.js';

/**
 * The order of ADULLACT's published pages: other bodies first, then the « Ville de … », each by its
 * proper name (« Ville de Colomiers » under C).
 */
export function publishedOrder(laureates: readonly Laureate[]): Laureate[] {
  const isTown = (l: Laureate) => /^ville\b/i.test(l.name);
  return [...laureates].sort((a, b) => Number(isTown(a)) - Number(isTown(b)) || byProperName(a, b));
}

export function inText(l: Laureate, preposition: Preposition = ''): string {
  return nameInText(l.name, { ...(l.article !== undefined ? { article: l.article } : {}), preposition });
}

/** The level in words: « niveau 3 » or « Or ». */
export function levelTitle(results: Pick<EditionResults, 'scale'>, level: string): string {
  return results.scale === 'niveaux' ? `niveau ${level}` : capitalise(level);
}

/**
 * « Huit labellisés niveau 3 », « Un labellisé niveau 5 », « Trois labels Or »; with `atLeast`, a
 * count known only from an incomplete list: « Au moins sept labellisés niveau 3 ».
 */
export function levelSentenceHead(results: Pick<EditionResults, 'scale'>, level: string, count: number, atLeast = false): string {
  const words = capitalise(`${atLeast ? 'au moins ' : ''}${numberToWords(count)}`);
  if (results.scale === 'niveaux') return `${words} labellisé${count > 1 ? 's' : ''} niveau ${level}`;
  if (level === 'badge') return `${words} badge${count > 1 ? 's' : ''}`;
  return `${words} label${count > 1 ? 's' : ''} ${capitalise(level)}`;
}

export function namesInText(laureates: readonly Laureate[]): string {
  return joinList(publishedOrder(laureates).map((l) => inText(l)));
}

/**
 * How many laureates an edition had at a level, and whether the number is exact: the published
 * figure when there is one, the list when it is complete, otherwise a lower bound (the names known).
 * A document never states a count the record does not support.
 */
export function levelCount(results: EditionResults, level: string): { count: number; exact: boolean } {
  const published = results.published.levels?.[level];
  if (published !== undefined) return { count: published, exact: true };
  return { count: results.laureates.filter((l) => l.level === level).length, exact: results.complete };
}

/** The number of laureates of an edition, on the same rule as levelCount. */
export function laureateCount(results: EditionResults): { count: number; exact: boolean } {
  if (results.published.awarded !== undefined) return { count: results.published.awarded, exact: true };
  return { count: results.laureates.filter((l) => l.level).length, exact: results.complete };
}
