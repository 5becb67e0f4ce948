/** Matching labels and suggesting the closest one (« Vouliez-vous dire… » is written by src/util/french.ts). */

/** Labels seen, normalised (short ones only): the same few hundred come back for every dossier of an export. */
const normalised = new Map<string, string>();
const NORMALISED_MAX = 8192;

/** Normalises a label for matching: NFC, case, accents, apostrophes, spaces, trailing ? or :. */
export function normaliseLabel(s: string): string {
  if (s.length > 200) return normaliseUncached(s);
  let n = normalised.get(s);
  if (n === undefined) {
    if (normalised.size >= NORMALISED_MAX) normalised.clear();
    n = normaliseUncached(s);
    normalised.set(s, n);
  }
  return n;
}

function normaliseUncached(s: string): string {
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
