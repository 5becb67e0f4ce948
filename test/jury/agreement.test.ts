import { describe, expect, it } from 'vitest';
import { krippendorffAlpha, METRICS, type Unit } from '../../src/jury/agreement.js';

/**
 * Krippendorff (2011), « Computing Krippendorff's Alpha-Reliability », section C: 4 observers, 12
 * units, values 1–5, missing values (../shared/domain/jury-agreement.md).
 */
const _ = undefined;
const observers: (number | undefined)[][] = [
  [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
  [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
  [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
  [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
];
const units: Unit[] = observers[0]!.map((_, u) => observers.map((o) => o[u]));

describe('Krippendorff’s alpha', () => {
  it('gives the published values of the worked example to three decimals, for each metric', () => {
    const published = { nominal: 0.743, ordinal: 0.815, interval: 0.849, ratio: 0.797 };
    for (const metric of METRICS) {
      const alpha = krippendorffAlpha(units, metric);
      expect([metric, Number(alpha.value!.toFixed(3))]).toEqual([metric, published[metric]]);
      // Unit 12 has one value: it is not pairable and drops out.
      expect(alpha.pairable).toBe(11);
      expect(alpha.values).toBe(40);
    }
  });

  it('does not depend on the order of jurors or of units', () => {
    const shuffled = [...units].reverse().map((u) => [...u].reverse());
    for (const metric of METRICS) expect(krippendorffAlpha(shuffled, metric).value).toBeCloseTo(krippendorffAlpha(units, metric).value!, 12);
  });

  it('is 1 for perfect agreement with variation, and undefined when nothing can be measured', () => {
    expect(
      krippendorffAlpha(
        [
          [1, 1],
          [3, 3],
          [4, 4, 4],
        ],
        'interval',
      ).value,
    ).toBe(1);
    // Every grade the same: no variation, agreement is not measurable.
    expect(
      krippendorffAlpha(
        [
          [2, 2],
          [2, 2],
        ],
        'ordinal',
      ).value,
    ).toBeUndefined();
    // No unit graded twice.
    expect(
      krippendorffAlpha(
        [
          [1, _],
          [_, 3],
        ],
        'nominal',
      ),
    ).toEqual({ pairable: 0, values: 0 });
    expect(krippendorffAlpha([], 'ratio').value).toBeUndefined();
  });

  it('falls below 0 for systematic disagreement', () => {
    expect(
      krippendorffAlpha(
        [
          [0, 4],
          [4, 0],
          [0, 4],
          [4, 0],
        ],
        'interval',
      ).value,
    ).toBeLessThan(0);
  });
});
