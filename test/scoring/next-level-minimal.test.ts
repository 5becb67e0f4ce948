/**
 * The next-level path is the cheapest one: on small generated rubrics, its cost in points equals
 * the minimum found by trying every combination of better answers (brute force), and applying it
 * reaches the level.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Edition, Question, QuestionRule } from '../../src/edition/types.js';
import type { Answer } from '../../src/ingest/dossier.js';
import { indexEdition, scoreDossier } from '../../src/scoring/score.js';
import { answerPoints } from '../../src/scoring/points.js';
import { dossier } from '../helpers/dossier.js';

interface Spec {
  weights: [number, number];
  yes: number;
  choice: [number, number, number];
  multi: [number, number, number];
  bands: [number, number];
  perRow: number;
  threshold: number;
  gate: boolean;
  answers: { q1: boolean; q2: number; q3: boolean[]; q4: number; q5: number };
}

const questions: Question[] = [
  { id: 'a.oui', volet: 'a', label: 'Oui ?', type: 'yes_no', aliases: [], required: false },
  {
    id: 'a.choix',
    volet: 'a',
    label: 'Choix ?',
    type: 'single_choice',
    aliases: [],
    required: false,
    choices: ['x', 'y', 'z'].map((id) => ({ id, label: id })),
  },
  {
    id: 'b.multi',
    volet: 'b',
    label: 'Multi ?',
    type: 'multiple_choice',
    aliases: [],
    required: false,
    choices: ['m', 'n', 'o'].map((id) => ({ id, label: id })),
  },
  { id: 'b.nombre', volet: 'b', label: 'Nombre ?', type: 'integer', aliases: [], required: false },
  { id: 'b.lignes', volet: 'b', label: 'Lignes', type: 'repetition', aliases: [], required: false, children: [{ id: 'p', label: 'P', type: 'text' }] },
];

function editionOf(s: Spec): Edition {
  const rules: QuestionRule[] = [
    { questionId: 'a.oui', points: { kind: 'yes_no', yes: s.yes, no: 0 }, notApplicable: [] },
    { questionId: 'a.choix', points: { kind: 'choices', choices: { x: s.choice[0], y: s.choice[1], z: s.choice[2] } }, notApplicable: [] },
    { questionId: 'b.multi', points: { kind: 'choices', choices: { m: s.multi[0], n: s.multi[1], o: s.multi[2] } }, notApplicable: [] },
    {
      questionId: 'b.nombre',
      points: {
        kind: 'bands',
        bands: [
          { min: 10, points: s.bands[0] },
          { min: 50, points: s.bands[0] + s.bands[1] },
        ],
      },
      notApplicable: [],
    },
    { questionId: 'b.lignes', points: { kind: 'per_item', perItem: s.perRow, max: s.perRow * 3 }, notApplicable: [] },
  ];
  return {
    year: 2030,
    questionnaire: {
      edition: 2030,
      number: 15,
      title: 't',
      volets: [
        { id: 'a', title: 'A', short: 'A', description: 'a' },
        { id: 'b', title: 'B', short: 'B', description: 'b' },
      ],
      identity: {},
      questions,
      annotations: [],
    },
    rubric: {
      edition: 2030,
      scale: 'niveaux',
      strata: [{ id: 'c1', kind: 'commune', label: 'toutes', min: 0 }],
      weights: { c1: { a: s.weights[0], b: s.weights[1] } },
      rules,
      levels: [
        { id: '1', label: 'un', title: 'niveau 1', min: 0, minByStratum: {}, requires: [] },
        { id: '2', label: 'deux', title: 'niveau 2', min: s.threshold, minByStratum: {}, requires: s.gate ? [{ question: 'a.oui' }] : [] },
      ],
      mentions: [],
      decimals: 1,
    },
    rubricHash: 'x',
    questionnaireHash: 'x',
    files: { questionnaire: 'q.yaml', rubric: 'r.yaml' },
  };
}

const answersOf = (s: Spec): Record<string, Answer> => ({
  'a.oui': { kind: 'bool', value: s.answers.q1 },
  'a.choix': { kind: 'choice', id: ['x', 'y', 'z'][s.answers.q2]! },
  'b.multi': { kind: 'choices', ids: ['m', 'n', 'o'].filter((_, i) => s.answers.q3[i]) },
  'b.nombre': { kind: 'number', value: s.answers.q4 },
  'b.lignes': { kind: 'rows', rows: Array.from({ length: s.answers.q5 }, () => ({ p: 'x' })) },
});

/**
 * Every answer a path may lead to that gives at least the current points: a path only adds (an
 * option ticked stays ticked, a number or a count of rows only grows), as an authority progresses.
 */
function alternatives(q: Question, rule: QuestionRule, current: Answer): Answer[] {
  const all: Answer[] = [];
  if (q.type === 'yes_no') all.push({ kind: 'bool', value: true }, { kind: 'bool', value: false });
  if (q.type === 'single_choice') for (const id of ['x', 'y', 'z']) all.push({ kind: 'choice', id });
  if (q.type === 'multiple_choice') {
    const ticked = current.kind === 'choices' ? current.ids : [];
    for (let m = 0; m < 8; m++) {
      const ids = ['m', 'n', 'o'].filter((_, i) => m & (1 << i));
      if (ticked.every((id) => ids.includes(id))) all.push({ kind: 'choices', ids });
    }
  }
  const value = current.kind === 'number' ? current.value : 0;
  if (q.type === 'integer') all.push(current, ...[10, 50].filter((v) => v >= value).map((v) => ({ kind: 'number' as const, value: v })));
  const rows = current.kind === 'rows' ? current.rows.length : 0;
  if (q.type === 'repetition') for (let n = rows; n <= 4; n++) all.push({ kind: 'rows', rows: Array.from({ length: n }, () => ({ p: 'x' })) });
  const now = answerPoints(rule.points, q, current);
  return all.filter((a) => answerPoints(rule.points, q, a) >= now);
}

const specArb: fc.Arbitrary<Spec> = fc.record({
  weights: fc.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 })),
  yes: fc.integer({ min: 1, max: 5 }),
  choice: fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 4 }), fc.integer({ min: 1, max: 6 })),
  multi: fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 4 })),
  bands: fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 })),
  perRow: fc.integer({ min: 1, max: 2 }),
  threshold: fc.integer({ min: 10, max: 95 }),
  gate: fc.boolean(),
  answers: fc.record({
    q1: fc.boolean(),
    q2: fc.integer({ min: 0, max: 2 }),
    q3: fc.tuple(fc.boolean(), fc.boolean(), fc.boolean()),
    q4: fc.constantFrom(0, 5, 10, 30, 50),
    q5: fc.integer({ min: 0, max: 3 }),
  }),
});

describe('the next-level path (exact)', () => {
  it('costs the fewest points of any combination of better answers, and reaches the level', () => {
    fc.assert(
      fc.property(specArb, (spec) => {
        const edition = editionOf(spec);
        const index = indexEdition(edition);
        const answers = answersOf(spec);
        const card = scoreDossier(dossier('commune', 1000, answers), index);
        fc.pre(card.level?.id === '1');
        // Brute force over every combination.
        const options = questions.map((q) => alternatives(q, index.rules.get(q.id)!, answers[q.id]!));
        let best = Infinity;
        const walk = (i: number, chosen: Record<string, Answer>, cost: number) => {
          if (cost >= best - 1e-9) return;
          if (i === questions.length) {
            if (scoreDossier(dossier('commune', 1000, chosen), index, undefined, { withPath: false }).level?.id === '2') best = cost;
            return;
          }
          const q = questions[i]!;
          const rule = index.rules.get(q.id)!;
          const now = answerPoints(rule.points, q, answers[q.id]);
          for (const a of options[i]!) walk(i + 1, { ...chosen, [q.id]: a }, cost + answerPoints(rule.points, q, a) - now);
        };
        walk(0, { ...answers }, 0);
        if (best === Infinity) {
          expect(card.next).toBeUndefined();
          return;
        }
        expect(card.next).toBeDefined();
        const cost = card.next!.changes.reduce((s, c) => s + c.gain, 0);
        expect(cost).toBeCloseTo(best, 9);
        const applied = { ...answers };
        for (const c of card.next!.changes) applied[c.question] = c.to;
        expect(scoreDossier(dossier('commune', 1000, applied), index).level?.id).toBe('2');
      }),
      { numRuns: 400 },
    );
  });
});
