import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Question } from '../../src/edition/types.js';
import type { Answer } from '../../src/ingest/dossier.js';
import { indexEdition, scoreDossier } from '../../src/scoring/score.js';
import { answerPoints } from '../../src/scoring/points.js';
import { edition } from '../helpers/edition.js';
import { dossier } from '../helpers/dossier.js';

const ed = edition(2024);
const index = indexEdition(ed);
const scored = ed.questionnaire.questions.filter((q) => index.rules.has(q.id));

/** An arbitrary valid answer to a question. */
function answerArb(q: Question): fc.Arbitrary<Answer> {
  switch (q.type) {
    case 'yes_no':
    case 'checkbox':
      return fc.boolean().map((value) => ({ kind: 'bool' as const, value }));
    case 'single_choice':
      return fc.constantFrom(...q.choices!.map((c) => c.id)).map((id) => ({ kind: 'choice' as const, id }));
    case 'multiple_choice':
      return fc.subarray(q.choices!.map((c) => c.id)).map((ids) => ({ kind: 'choices' as const, ids }));
    case 'integer':
      return fc.integer({ min: 0, max: 500 }).map((value) => ({ kind: 'number' as const, value }));
    case 'decimal':
      return fc.double({ min: 0, max: 100, noNaN: true }).map((value) => ({ kind: 'number' as const, value }));
    case 'repetition':
      return fc.array(fc.constant({ projet: 'x' }), { maxLength: 6 }).map((rows) => ({ kind: 'rows' as const, rows }));
    default:
      return fc.constant({ kind: 'text' as const, value: 'x' });
  }
}

const answersArb = fc.record(Object.fromEntries(scored.map((q) => [q.id, answerArb(q)])), { requiredKeys: [] }) as fc.Arbitrary<Record<string, Answer>>;
const kindArb = fc.constantFrom('commune', 'epci', 'syndicat', 'departement', 'region', 'autre' as const);
const populationArb = fc.oneof(fc.integer({ min: 1, max: 2_000_000 }), fc.constantFrom(3499, 3500, 3501, 19999, 20000, 49999, 50000, 99999, 100000));
const rank = (id: string | undefined) => (id === undefined ? -1 : ed.rubric.levels.findIndex((l) => l.id === id));

describe('scoring invariants (fast-check)', () => {
  it('the total stays within [0, 100] and every volet ratio within [0, 1]', () => {
    fc.assert(
      fc.property(kindArb, populationArb, answersArb, (kind, population, answers) => {
        const card = scoreDossier(dossier(kind, population, answers), index);
        expect(card.total).toBeGreaterThanOrEqual(0);
        expect(card.total).toBeLessThanOrEqual(100);
        for (const v of card.volets)
          if (v.ratio !== undefined) {
            expect(v.ratio).toBeGreaterThanOrEqual(0);
            expect(v.ratio).toBeLessThanOrEqual(1);
          }
      }),
      { numRuns: 300 },
    );
  });

  it('more points on an answer never lowers the level nor the total', () => {
    fc.assert(
      fc.property(
        kindArb,
        populationArb,
        answersArb,
        fc.constantFrom(...scored),
        fc.integer({ min: 0, max: 1000 }),
        (kind, population, answers, question, seed) => {
          const rule = index.rules.get(question.id)!;
          const before = scoreDossier(dossier(kind, population, answers), index);
          // A better answer: one of the options with at least as many points.
          const candidates: Answer[] = fc.sample(answerArb(question), { numRuns: 20, seed });
          const current = answerPoints(rule.points, question, answers[question.id]);
          const better = candidates.find((a) => answerPoints(rule.points, question, a) > current);
          fc.pre(better !== undefined);
          const after = scoreDossier(dossier(kind, population, { ...answers, [question.id]: better! }), index);
          expect(after.total).toBeGreaterThanOrEqual(before.total);
          expect(rank(after.level?.id)).toBeGreaterThanOrEqual(rank(before.level?.id));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('changing the answer to a question not applicable in the stratum never changes the total', () => {
    const naQuestions = scored.filter((q) => index.rules.get(q.id)!.notApplicable.includes('c1'));
    expect(naQuestions.length).toBeGreaterThan(2);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3499 }), answersArb, fc.constantFrom(...naQuestions), fc.integer(), (population, answers, question, seed) => {
        const other = fc.sample(answerArb(question), { numRuns: 1, seed })[0]!;
        const a = scoreDossier(dossier('commune', population, answers), index);
        const b = scoreDossier(dossier('commune', population, { ...answers, [question.id]: other }), index);
        expect(b.totalExact).toBe(a.totalExact);
        expect(b.total).toBe(a.total);
      }),
      { numRuns: 200 },
    );
  });

  it('the next-level path, applied, reaches the next level', () => {
    fc.assert(
      fc.property(kindArb, populationArb, answersArb, (kind, population, answers) => {
        const card = scoreDossier(dossier(kind, population, answers), index);
        fc.pre(card.next !== undefined);
        const changed = { ...answers };
        for (const c of card.next!.changes) changed[c.question] = c.to;
        const after = scoreDossier(dossier(kind, population, changed), index);
        expect(rank(after.level?.id)).toBeGreaterThanOrEqual(rank(card.next!.level));
        expect(after.total).toBe(card.next!.total);
      }),
      { numRuns: 200 },
    );
  });
});
