import { describe, expect, it } from 'vitest';
import { loadEdition } from '../../src/files/edition-files.js';
import { krippendorffAlpha, METRICS, type Unit } from '../../src/jury/agreement.js';
import { juryPage } from '../../src/jury/agreement-view.js';
import type { CriterionGrades as G } from '../../src/jury/grades.js';

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

describe('the jury page of the cahier', () => {
  const { edition } = loadEdition(2024);
  const [s, a, d] = edition.rubric.jury!.criteria.map((c) => c.id) as [string, string, string];
  const grades = new Map<string, Map<string, G>>([
    [
      '1',
      new Map<string, G>([
        [s, { grade: 2, jurors: { x: 0, y: 4 } }],
        [a, { grade: 3, jurors: { x: 3, y: 3 } }],
        [d, { jurors: {} }],
      ]),
    ],
    [
      '2',
      new Map<string, G>([
        [s, { grade: 1.5, jurors: { x: 1, y: 2 } }],
        [a, { grade: 2, jurors: { x: 2, y: 2 } }],
        [d, { grade: 1, jurors: { x: 1 } }],
      ]),
    ],
  ]);

  it('lists the largest disagreements first, counts coverage, and says when agreement cannot be measured', () => {
    const page = juryPage(edition, grades, new Map([['1', 'Ville A']]));
    expect(page.disagreements.map((x) => [x.dossier, x.name, x.spread])).toEqual([
      ['1', 'Ville A', '4'],
      ['2', 'dossier 2', '1'],
    ]);
    expect(page.rows.map((r) => r.coverage)).toEqual(['2 / 2', '2 / 2', '1 / 2']);
    // Every pair agrees on the actions: no variation within units, but between them: alpha 1.
    expect(page.rows[1]!.interval).toBe('1,000');
    // The documents: one dossier graded once, the other not at all: nothing to pair.
    expect(page.rows[2]).toMatchObject({ interval: 'non mesurable', units: '0' });
    expect(page.overall.coverage).toBe('5 / 6');
  });
});
