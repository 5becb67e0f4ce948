import { describe, expect, it } from 'vitest';
import { threshold } from '../../src/edition/rubric.js';
import { assignLevel, indexEdition, scoreDossier } from '../../src/scoring/score.js';
import { findStratum } from '../../src/scoring/stratum.js';
import { roundTotal } from '../../src/scoring/round.js';
import { edition } from '../helpers/edition.js';
import { choice, choices, dossier, num, yes } from '../helpers/dossier.js';

describe.each([2024, 2025])('strata of the %i rubric are half-open', (year) => {
  const rubric = edition(year).rubric;
  const kinds = [...new Set(rubric.strata.map((s) => s.kind))];
  for (const kind of kinds) {
    const list = rubric.strata.filter((s) => s.kind === kind);
    for (const s of list) {
      const bounds = [s.min, ...(s.max !== undefined ? [s.max] : [])].filter((b) => b > 0);
      for (const b of bounds) {
        it(`${kind}: ${b - 1}, ${b}, ${b + 1} inhabitants`, () => {
          const below = findStratum(rubric, kind, b - 1)!;
          const at = findStratum(rubric, kind, b)!;
          const above = findStratum(rubric, kind, b + 1)!;
          expect(below.max === undefined || b - 1 < below.max).toBe(true);
          expect(at.min).toBe(b);
          expect(above.id).toBe(at.id);
          expect(below.id).not.toBe(at.id);
        });
      }
    }
    it(`${kind}: 1 inhabitant and 10 million have a stratum`, () => {
      expect(findStratum(rubric, kind, 1)).toBeDefined();
      expect(findStratum(rubric, kind, 10_000_000)).toBeDefined();
    });
  }
});

describe('exactly 3 500 inhabitants falls in [3 500, 20 000)', () => {
  const rubric = edition(2024).rubric;
  it.each([
    [3499, 'c1'],
    [3500, 'c2'],
    [3501, 'c2'],
    [19999, 'c2'],
    [20000, 'c3'],
    [99999, 'c3'],
    [100000, 'c4'],
  ])('%i → %s', (population, id) => expect(findStratum(rubric, 'commune', population)?.id).toBe(id));
});

describe.each([2024, 2025])('levels of the %i rubric at every threshold', (year) => {
  const rubric = edition(year).rubric;
  for (const stratum of rubric.strata) {
    rubric.levels.forEach((level, i) => {
      const t = threshold(level, stratum.id);
      if (t === 0) return;
      it(`${stratum.id}, ${level.label}: ${t} − 0,1 / ${t} / ${t} + 0,1`, () => {
        const gates = rubric.levels.flatMap((l) => l.requires.map((g) => ({ level: l.id, label: g.label ?? g.question, question: g.question, holds: true })));
        expect(assignLevel(rubric.levels, stratum.id, roundTotal(t - 0.1, 1), gates).level?.id).toBe(rubric.levels[i - 1]?.id);
        expect(assignLevel(rubric.levels, stratum.id, t, gates).level?.id).toBe(level.id);
        expect(assignLevel(rubric.levels, stratum.id, roundTotal(t + 0.1, 1), gates).level?.id).toBe(level.id);
      });
    });
  }
});

describe('gates', () => {
  const rubric = edition(2024).rubric;
  it('a level reached in points but blocked by a gate says which gate', () => {
    const gates = [
      { level: '4', label: "un plan d'action adopté", question: 'strategie.plan_action', holds: false },
      { level: '4', label: "une démarche d'ouverture des données", question: 'donnees.portail', holds: true },
    ];
    const r = assignLevel(rubric.levels, 'c3', 65, gates);
    expect(r.level?.id).toBe('3');
    expect(r.blocked).toEqual([{ level: '4', gates: ["un plan d'action adopté"] }]);
  });
  it('a gate limited to some strata does not apply elsewhere', () => {
    const index = indexEdition(edition(2024));
    const strong = {
      'strategie.deliberation': yes,
      'strategie.plan_action': choice('evalue'),
    };
    const small = scoreDossier(dossier('commune', 1200, strong), index);
    expect(small.gates.filter((g) => g.question === 'donnees.portail')).toEqual([]);
    const large = scoreDossier(dossier('commune', 12000, strong), index);
    expect(large.gates.filter((g) => g.question === 'donnees.portail').map((g) => g.holds)).toEqual([false, false]);
  });
});

describe('points', () => {
  const index = indexEdition(edition(2024));
  const card = (answers: Parameters<typeof dossier>[2], population = 12000) => scoreDossier(dossier('commune', population, answers), index);
  const q = (c: ReturnType<typeof card>, id: string) => c.questions.find((x) => x.id === id)!;

  it('per choice, yes/no, numeric bands, per item with a cap', () => {
    const c = card({
      'strategie.plan_action': choice('adopte'),
      'strategie.deliberation': yes,
      'donnees.jeux_publies': num(12),
      'logiciels.metiers': choices('openads', 'openelec', 'pastell', 'glpi', 'lutece', 'webdelib', 'asalae'),
      'strategie.mutualisation': choices('epci', 'syndicat', 'opsn', 'adullact'),
    });
    expect(q(c, 'strategie.plan_action')).toMatchObject({ points: 7, max: 10, status: 'scored' });
    expect(q(c, 'strategie.deliberation')).toMatchObject({ points: 10, max: 10 });
    expect(q(c, 'donnees.jeux_publies')).toMatchObject({ points: 4, max: 6 });
    expect(q(c, 'logiciels.metiers')).toMatchObject({ points: 10, max: 10 });
    expect(q(c, 'strategie.mutualisation')).toMatchObject({ points: 6, max: 6 });
  });
  it('repetition rows are counted', () => {
    const c = card({ 'ecosysteme.contributions': { kind: 'rows', rows: [{ projet: 'a' }, { projet: 'b' }] } });
    expect(q(c, 'ecosysteme.contributions')).toMatchObject({ points: 4, max: 6 });
  });
  it('an unanswered optional question scores 0 and stays in the maximum', () => {
    const c = card({});
    expect(q(c, 'strategie.bilan')).toMatchObject({ status: 'unanswered', points: 0, max: 3 });
  });
  it('a question not applicable in the stratum leaves the maximum', () => {
    const c = card({}, 1200);
    expect(q(c, 'donnees.jeux_publies')).toMatchObject({ status: 'not_applicable', points: 0, max: 0 });
    const donnees = c.volets.find((v) => v.id === 'donnees')!;
    expect(donnees.max).toBe(5 + 2 + 3);
  });
  it('the total is the weighted mean of the volets, rounded once', () => {
    const c = card({ 'strategie.deliberation': yes, 'donnees.portail': yes });
    const exact = (100 * (25 * (10 / 51) + 15 * (5 / 25))) / (25 + 15 + 30 + 15 + 15);
    expect(c.totalExact).toBeCloseTo(exact, 10);
    expect(c.total).toBe(Math.round(exact * 10) / 10);
  });
});

describe('rounding', () => {
  it.each([
    [62.45, 62.5],
    [62.44999, 62.4],
    [0.05, 0.1],
    [99.95, 100],
    [0.1 + 0.2, 0.3],
  ])('%f → %f (half up, one decimal)', (x, r) => expect(roundTotal(x, 1)).toBe(r));
});
