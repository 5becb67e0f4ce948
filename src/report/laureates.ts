import { type Preposition, byProperName, capitalise, joinList, nameInText, numberToWords } from '../util/french.js';
import type { EditionResults, Laureate } from '../history/types.js';

/** How the laureates of a level are ordered (the press file's `order`). */
export type NameOrder = 'alphabetique' | 'par-type';

/**
 * The order of ADULLACT's 2024 release: one alphabetical order by proper name across types
 * (« Ville de Colomiers » under C, « Dracénie… » under D); with `par-type`, that of its older
 * pages: other bodies first, then the « Ville de … », each by proper name.
 */
export function publishedOrder(laureates: readonly Laureate[], order: NameOrder = 'alphabetique'): Laureate[] {
  if (order === 'alphabetique') return [...laureates].sort(byProperName);
  const isTown = (l: Laureate) => /^ville\b/i.test(l.name);
  return [...laureates].sort((a, b) => Number(isTown(a)) - Number(isTown(b)) || byProperName(a, b));
}

/** One special mention and who received it, with the jury's reason (press file) and each recipient's (archive). */
export interface MentionAward {
  label: string;
  reason?: string;
  recipients: Laureate[];
}

/**
 * The special mentions of an edition in the order the press file gives them (ADULLACT puts
 * « Coup de cœur du jury » last), then any other the archive knows, in its order. A mention of the
 * press file nobody received in the archive is left out (and said by `unknown`).
 */
export function mentionAwards(
  results: EditionResults,
  press?: { mentions?: { label: string; reason?: string }[] },
): { awards: MentionAward[]; unknown: string[] } {
  const byLabel = new Map<string, Laureate[]>();
  for (const l of results.laureates) for (const m of l.mentions) byLabel.set(m, [...(byLabel.get(m) ?? []), l]);
  const key = (s: string) => s.normalize('NFC').toLowerCase().replace(/[’']/g, "'").trim();
  const given = press?.mentions ?? [];
  const awards: MentionAward[] = [];
  const unknown: string[] = [];
  for (const g of given) {
    const label = [...byLabel.keys()].find((k) => key(k) === key(g.label));
    if (label === undefined) unknown.push(g.label);
    else awards.push({ label, ...(g.reason ? { reason: g.reason } : {}), recipients: byLabel.get(label)! });
  }
  for (const [label, recipients] of byLabel) if (!awards.some((a) => a.label === label)) awards.push({ label, recipients });
  return { awards, unknown };
}

/**
 * How many special mentions an edition awarded, and whether the number is exact: the published
 * count, else the recipients the archive knows, exact only when its list is complete.
 */
export function mentionCount(results: EditionResults): { count: number; exact: boolean } {
  const known = results.laureates.reduce((n, l) => n + l.mentions.length, 0);
  if (results.published.mentions !== undefined) return { count: Math.max(results.published.mentions, known), exact: results.published.mentions >= known };
  return { count: known, exact: results.complete };
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

export function namesInText(laureates: readonly Laureate[], order: NameOrder = 'alphabetique'): string {
  return joinList(publishedOrder(laureates, order).map((l) => inText(l)));
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
