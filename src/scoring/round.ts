/**
 * The one rounding of tnl: half away from zero at `decimals`, applied once to the final total.
 * A tiny epsilon absorbs binary noise (0.1 + 0.2), so that 62.45 rounds to 62.5 as written.
 */
export function roundTotal(value: number, decimals: number): number {
  const f = 10 ** decimals;
  const r = Math.round(Math.abs(value) * f + 1e-7) / f;
  return value < 0 ? -r : r;
}
