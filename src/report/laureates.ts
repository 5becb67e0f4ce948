import type { EditionResults, Laureate } from '../history/types.js';
import { frCollator } from '../util/french-text.js';
import { capitalise, joinList, nameInText, numberToWords, type Preposition } from './french.js';

/** The order of the published pages: other bodies first, then the « Ville de … », each alphabetically. */
export function publishedOrder(laureates: readonly Laureate[]): Laureate[] {
  const isTown = (l: Laureate) => /^ville\b/i.test(l.name);
  const key = (l: Laureate) => l.name.replace(/^ville (et [^ ]+ )?(de |d'|des |du )/i, '');
  return [...laureates].sort((a, b) => Number(isTown(a)) - Number(isTown(b)) || frCollator.compare(key(a), key(b)));
}

export function inText(l: Laureate, preposition: Preposition = ''): string {
  return nameInText(l.name, { ...(l.article !== undefined ? { article: l.article } : {}), preposition });
}

/** The level in words: « niveau 3 » or « Or ». */
export function levelTitle(results: Pick<EditionResults, 'scale'>, level: string): string {
  return results.scale === 'niveaux' ? `niveau ${level}` : capitalise(level);
}

/** « Huit labellisés niveau 3 », « Un labellisé niveau 5 », « Trois labels Or ». */
export function levelSentenceHead(results: Pick<EditionResults, 'scale'>, level: string, count: number): string {
  const words = capitalise(numberToWords(count));
  if (results.scale === 'niveaux') return `${words} labellisé${count > 1 ? 's' : ''} niveau ${level}`;
  if (level === 'badge') return `${words} badge${count > 1 ? 's' : ''}`;
  return `${words} label${count > 1 ? 's' : ''} ${capitalise(level)}`;
}

export function namesInText(laureates: readonly Laureate[]): string {
  return joinList(publishedOrder(laureates).map((l) => inText(l)));
}
