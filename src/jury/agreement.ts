/**
 * Agreement between jurors: Krippendorff's alpha, as computed in K. Krippendorff (2011),
 * « Computing Krippendorff's Alpha-Reliability » (University of Pennsylvania, asc_papers/43):
 * a coincidence matrix built from every unit graded by at least two jurors (each unit with m values
 * adds 1/(m − 1) per ordered pair of its values), then α = 1 − D_o / D_e under a metric's squared
 * difference. Missing grades are allowed; a unit with a single grade cannot be paired and drops out.
 * Pure.
 */

export const METRICS = ['nominal', 'ordinal', 'interval', 'ratio'] as const;
export type Metric = (typeof METRICS)[number];

/** One unit (a dossier for one criterion): the grade of each juror, undefined when not graded. */
export type Unit = readonly (number | undefined)[];

export interface Alpha {
  /** Undefined when it cannot be computed: fewer than two pairable values, or no variation at all. */
  value?: number;
  /** Units graded by at least two jurors (the others drop out). */
  pairable: number;
  /** Values in those units. */
  values: number;
}

/** The coincidence matrix over the distinct values, in increasing order. */
function coincidences(units: readonly Unit[]): { categories: number[]; o: number[][]; pairable: number } {
  const graded = units.map((u) => u.filter((v): v is number => v !== undefined && Number.isFinite(v))).filter((u) => u.length >= 2);
  const categories = [...new Set(graded.flat())].sort((a, b) => a - b);
  const at = new Map(categories.map((c, i) => [c, i]));
  const o = categories.map(() => categories.map(() => 0));
  for (const u of graded) {
    const weight = 1 / (u.length - 1);
    for (let i = 0; i < u.length; i++) for (let j = 0; j < u.length; j++) if (i !== j) o[at.get(u[i]!)!]![at.get(u[j]!)!]! += weight;
  }
  return { categories, o, pairable: graded.length };
}

/** The squared difference of two categories (by index) under a metric, given the marginal sums. */
function difference(metric: Metric, categories: readonly number[], marginals: readonly number[]): (c: number, k: number) => number {
  switch (metric) {
    case 'nominal':
      return (c, k) => (c === k ? 0 : 1);
    case 'interval':
      return (c, k) => (categories[c]! - categories[k]!) ** 2;
    case 'ratio':
      return (c, k) => {
        const sum = categories[c]! + categories[k]!;
        return sum === 0 ? 0 : ((categories[c]! - categories[k]!) / sum) ** 2;
      };
    case 'ordinal':
      return (c, k) => {
        const [lo, hi] = c <= k ? [c, k] : [k, c];
        let between = 0;
        for (let g = lo; g <= hi; g++) between += marginals[g]!;
        return (between - (marginals[c]! + marginals[k]!) / 2) ** 2;
      };
  }
}

/** Krippendorff's alpha of the units under a metric. */
export function krippendorffAlpha(units: readonly Unit[], metric: Metric): Alpha {
  const { categories, o, pairable } = coincidences(units);
  const marginals = o.map((row) => row.reduce((s, x) => s + x, 0));
  const n = marginals.reduce((s, x) => s + x, 0);
  const result: Alpha = { pairable, values: Math.round(n) };
  if (n < 2) return result;
  const delta = difference(metric, categories, marginals);
  let observed = 0;
  let expected = 0;
  for (let c = 0; c < categories.length; c++)
    for (let k = 0; k < categories.length; k++) {
      const d = delta(c, k);
      observed += o[c]![k]! * d;
      expected += marginals[c]! * marginals[k]! * d;
    }
  if (expected === 0) return result; // every value the same: agreement is not measurable
  result.value = 1 - ((n - 1) * observed) / expected;
  return result;
}
