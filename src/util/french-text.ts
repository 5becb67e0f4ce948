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

/** Levenshtein distance, bounded for speed on long strings. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (!a.length) return b.length;
  if (!b.length) return a.length;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/**
 * The candidate closest to `wanted` (after normalisation), when it is close enough to be a
 * plausible typo or rewording: distance ≤ 40 % of the longer string.
 */
export function closest(wanted: string, candidates: Iterable<string>): string | undefined {
  const w = normaliseLabel(wanted);
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of candidates) {
    const n = normaliseLabel(c);
    const d = editDistance(w, n);
    const limit = Math.max(2, Math.ceil(Math.max(w.length, n.length) * 0.4));
    if (d <= limit && d < bestScore) {
      best = c;
      bestScore = d;
    }
  }
  return best;
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
