/** Text helpers shared by matching and suggestions. */

/** Normalises a label for matching: NFC, case, accents, apostrophes, spaces, trailing ? or :. */
export function normaliseLabel(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’‘ʼ`´]/g, "'")
    .replace(/[\u00a0\u202f\u2007\s]+/g, ' ')
    .replace(/[–—]/g, '-')
    .toLowerCase()
    .trim()
    .replace(/\s*[?:]+\s*$/, '')
    .trim();
}

/**
 * Levenshtein distance; with `limit`, any distance above it is reported as `limit + 1` as soon as
 * it is certain, so that a long list of candidates is scanned in linear time.
 */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  if (!a.length) return b.length;
  if (!b.length) return a.length;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > limit) return limit + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

/** Candidates for suggestions, normalised once (a header row may have tens of thousands of columns). */
export class Suggestions {
  private readonly entries: { original: string; normal: string }[];
  constructor(candidates: Iterable<string>) {
    this.entries = [...candidates].map((original) => ({ original, normal: normaliseLabel(original) }));
  }

  /**
   * The candidate closest to `wanted` (after normalisation), when it is close enough to be a
   * plausible typo or rewording: distance ≤ 40 % of the longer string.
   */
  closest(wanted: string): string | undefined {
    const w = normaliseLabel(wanted);
    let best: string | undefined;
    let bestScore = Infinity;
    for (const { original, normal } of this.entries) {
      const limit = Math.min(Math.max(2, Math.ceil(Math.max(w.length, normal.length) * 0.4)), bestScore - 1);
      if (limit < 0 || Math.abs(w.length - normal.length) > limit) continue;
      const d = editDistance(w, normal, limit);
      if (d <= limit && d < bestScore) {
        best = original;
        bestScore = d;
      }
    }
    return best;
  }
}

/** The closest of a few candidates (see Suggestions for many). */
export function closest(wanted: string, candidates: Iterable<string>): string | undefined {
  return new Suggestions(candidates).closest(wanted);
}

/** « Vouliez-vous dire « x » ? » with French quotes and non-breaking spaces. */
export function didYouMean(suggestion: string | undefined): string {
  return suggestion === undefined ? '' : ` Vouliez-vous dire «\u00a0${suggestion}\u00a0»\u202f?`;
}

/** French quotes with non-breaking spaces. */
export function q(s: string | number): string {
  return `«\u00a0${s}\u00a0»`;
}

export const frCollator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });

/**
 * A masculine noun with its definite article, elided before a vowel or a mute h: « le Bronze »,
 * « l’Or », « l’Argent », « le niveau 4 ». `capital` for the start of a sentence.
 */
export function withArticle(noun: string, capital = false): string {
  const elided = /^[aeiouyàâäéèêëîïôöùûüœæh]/i.test(noun.normalize('NFC'));
  const article = elided ? 'l’' : 'le ';
  return `${capital ? article.charAt(0).toUpperCase() + article.slice(1) : article}${noun}`;
}

/** How ordinals are written: « 9e », « 1re » (French typography, the default) or « 9ème », « 1ère » (ADULLACT’s usage). */
export type OrdinalStyle = 'e' | 'ème';

/** 9 → « 9e » (or « 9ème »), 1 → « 1re » (or « 1ère »). */
export function ordinal(n: number, style: OrdinalStyle = 'e'): string {
  if (n === 1) return style === 'ème' ? '1ère' : '1re';
  return `${n}${style === 'ème' ? 'ème' : 'e'}`;
}

/**
 * The name a reader looks an authority up by: « Ville de Colomiers » under C, « Ville des Abymes »
 * under A, « Ville et Métropole de Montpellier » under M; other names as they are.
 */
export function properName(name: string): string {
  return name.replace(/^(ville|commune)( et m[ée]tropole)? (de |d['’]|des |du |de la |de l['’])/i, '');
}

/** Authorities in the order a reader expects: by proper name, in French collation. */
export const byProperName = (a: { name: string }, b: { name: string }): number =>
  frCollator.compare(properName(a.name), properName(b.name)) || frCollator.compare(a.name, b.name);
