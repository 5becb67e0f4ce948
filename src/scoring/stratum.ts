import type { AuthorityKind, Rubric, Stratum } from '../edition/types.js';

/** The stratum of an authority: half-open bands, `min ≤ population < max`. */
export function findStratum(rubric: Rubric, kind: AuthorityKind, population: number): Stratum | undefined {
  return rubric.strata.find((s) => s.kind === kind && population >= s.min && (s.max === undefined || population < s.max));
}
