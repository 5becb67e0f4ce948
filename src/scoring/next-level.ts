import { threshold } from '../edition/rubric.js';
import type { Gate, Level, Question, QuestionRule } from '../edition/types.js';
import type { Answer, Dossier } from '../ingest/dossier.js';
import { gateApplies, gateHolds } from './gates.js';
import { own } from '../util/own.js';
import { answerPoints } from './points.js';
import { roundTotal } from './round.js';
import type { RubricIndex } from './types.js';
import type { AnswerChange, NextLevelPath, ScoreCard } from './types.js';

/**
 * The cheapest way, in points, to reach the next level: first the answers its gates require, then
 * the combination of better answers that reaches the threshold with the fewest points (exact: see
 * fewestPoints). A path only adds: options ticked, rows, documents, a better answer.
 */
export function nextLevelPath(card: ScoreCard, dossier: Dossier, index: RubricIndex, next: Level, stratumId: string): NextLevelPath | undefined {
  const { edition } = index;
  const target = threshold(next, stratumId);
  const decimals = edition.rubric.decimals;
  const applicable = new Map(card.questions.filter((x) => x.status === 'scored' || x.status === 'unanswered').map((x) => [x.id, x]));
  const volets = new Map(card.volets.map((v) => [v.id, { ...v }]));
  const weightSum = card.volets.reduce((s, v) => s + (v.ratio !== undefined && v.weight > 0 ? v.weight : 0), 0);
  if (weightSum <= 0) return undefined;
  const answers: Record<string, Answer | undefined> = { ...dossier.answers };
  const points = new Map(card.questions.map((x) => [x.id, x.points]));
  const total = () => {
    let num = 0;
    for (const v of volets.values()) if (v.max > 0 && v.weight > 0) num += v.weight * (v.points / v.max);
    return (100 * num) / weightSum;
  };
  const changed = new Map<string, { forGate: boolean }>();
  const apply = (question: Question, to: Answer, forGate: boolean) => {
    const rule = index.rules.get(question.id);
    const before = points.get(question.id) ?? 0;
    const after = rule && applicable.has(question.id) ? answerPoints(rule.points, question, to) : before;
    answers[question.id] = to;
    points.set(question.id, after);
    const v = volets.get(question.volet);
    if (v) v.points += after - before;
    const prior = changed.get(question.id);
    changed.set(question.id, { forGate: forGate || (prior?.forGate ?? false) });
  };

  // 1. The gates of the next level.
  for (const gate of next.requires.filter((g) => gateApplies(g, stratumId))) {
    const question = index.questions.get(gate.question)!;
    const rule = index.rules.get(gate.question);
    if (gateHolds(gate, question, answers[gate.question], rule?.points)) continue;
    const to = satisfyingAnswer(question, gate, answers[gate.question], rule);
    if (to) apply(question, to, true);
  }

  // 2. The fewest points that reach the threshold: an exact search over every question's better
  // answers (a knapsack on points, each point weighing what its volet weighs in the total).
  const base = total();
  const gated = new Map<string, Gate[]>();
  for (const g of next.requires.filter((x) => gateApplies(x, stratumId))) gated.set(g.question, [...(gated.get(g.question) ?? []), g]);
  const items: { question: Question; options: Option[] }[] = [];
  for (const id of applicable.keys()) {
    const question = index.questions.get(id)!;
    const rule = index.rules.get(id)!;
    const v = volets.get(question.volet)!;
    if (!(v.max > 0 && v.weight > 0)) continue;
    const perPoint = (100 * v.weight) / (v.max * weightSum);
    const current = points.get(id) ?? 0;
    const gates = gated.get(id) ?? [];
    const options = betterAnswers(question, rule, answers[id])
      .filter((to) => gates.every((g) => gateHolds(g, question, to, rule.points)))
      .map((to) => ({ to, gain: answerPoints(rule.points, question, to) - current }))
      .filter((o) => o.gain > 1e-9)
      .map((o) => ({ ...o, value: o.gain * perPoint }));
    if (options.length) items.push({ question, options: cheapestPerGain(options) });
  }
  const chosen = fewestPoints(items, (value) => roundTotal(base + value, decimals) + 1e-9 >= target);
  if (!chosen) return undefined;
  for (const { question, option } of chosen) apply(question, option.to, false);
  if (roundTotal(total(), decimals) + 1e-9 < target) return undefined;

  const changes: AnswerChange[] = [...changed.entries()].map(([id, { forGate }]) => {
    const question = index.questions.get(id)!;
    const from = dossier.answers[id];
    const to = answers[id]!;
    const rule = index.rules.get(id);
    const gain = rule && applicable.has(id) ? answerPoints(rule.points, question, to) - answerPoints(rule.points, question, from) : 0;
    return { question: id, volet: question.volet, ...(from ? { from } : {}), to, gain, forGate };
  });
  const order = edition.questionnaire.questions.map((x) => x.id);
  changes.sort((a, b) => order.indexOf(a.question) - order.indexOf(b.question));
  return { level: next.id, threshold: target, total: roundTotal(total(), decimals), changes };
}

interface Option {
  to: Answer;
  gain: number;
  /** What the gain adds to the total (its volet's weight per point). */
  value: number;
}

/** For each gain, the first answer that gives it (the options come smallest change first). */
function cheapestPerGain(options: Option[]): Option[] {
  const byGain = new Map<number, Option>();
  for (const o of options) {
    const key = Math.round(o.gain * 1e6);
    if (!byGain.has(key)) byGain.set(key, o);
  }
  return [...byGain.values()];
}

/**
 * The choice of one option (or none) per item that reaches the target with the fewest points:
 * dynamic programming over the points spent (in millionths), keeping for each amount the largest
 * value reached, then the fewest changes. Exact: every combination is represented by its amount.
 * Deterministic: items in form order, ties kept to the earlier choice.
 */
function fewestPoints<T extends { options: Option[] }>(
  items: readonly T[],
  reaches: (value: number) => boolean,
): { question: T extends { question: infer Q } ? Q : never; option: Option }[] | undefined {
  interface State {
    value: number;
    changes: number;
    picks: { item: number; option: number } | undefined;
    from: State | undefined;
  }
  let states = new Map<number, State>([[0, { value: 0, changes: 0, picks: undefined, from: undefined }]]);
  if (reaches(0)) return [];
  items.forEach((item, i) => {
    const next = new Map(states);
    for (const [cost, state] of states) {
      item.options.forEach((o, j) => {
        const key = cost + Math.round(o.gain * 1e6);
        const candidate: State = { value: state.value + o.value, changes: state.changes + 1, picks: { item: i, option: j }, from: state };
        const known = next.get(key);
        if (!known || candidate.value > known.value + 1e-12 || (Math.abs(candidate.value - known.value) <= 1e-12 && candidate.changes < known.changes))
          next.set(key, candidate);
      });
    }
    states = next;
  });
  const costs = [...states.keys()].sort((a, b) => a - b);
  for (const cost of costs) {
    const state = states.get(cost)!;
    if (!reaches(state.value)) continue;
    const out: { question: never; option: Option }[] = [];
    for (let s: State | undefined = state; s?.picks; s = s.from) {
      const item = items[s.picks.item]! as unknown as { question: never; options: Option[] };
      out.unshift({ question: item.question, option: item.options[s.picks.option]! });
    }
    return out;
  }
  return undefined;
}

/**
 * Every answer better than the current one that a path may propose, smallest change first:
 * « oui », each option, each superset of the options ticked (each count of them, under per-item
 * points), each band of a number, more rows or files.
 */
function betterAnswers(question: Question, rule: QuestionRule, current: Answer | undefined): Answer[] {
  const out: Answer[] = [];
  switch (question.type) {
    case 'yes_no':
    case 'checkbox':
      out.push({ kind: 'bool', value: true }, { kind: 'bool', value: false });
      break;
    case 'single_choice':
      for (const c of question.choices ?? []) out.push({ kind: 'choice', id: c.id });
      break;
    case 'multiple_choice': {
      const ids = current?.kind === 'choices' ? current.ids : [];
      const rest = (question.choices ?? []).map((c) => c.id).filter((id) => !ids.includes(id));
      const order = (question.choices ?? []).map((c) => c.id);
      const sorted = (list: string[]) => [...list].sort((a, b) => order.indexOf(a) - order.indexOf(b));
      if (rule.points.kind === 'per_item' || rest.length > 12) {
        // Points per option ticked: which options does not matter, only how many.
        const byPoints =
          rule.points.kind === 'choices'
            ? [...rest].sort(
                (a, b) =>
                  (own((rule.points as { choices: Record<string, number> }).choices, b) ?? 0) -
                  (own((rule.points as { choices: Record<string, number> }).choices, a) ?? 0),
              )
            : rest;
        for (let k = 1; k <= byPoints.length; k++) out.push({ kind: 'choices', ids: sorted([...ids, ...byPoints.slice(0, k)]) });
      } else {
        const subsets: string[][] = [];
        for (let mask = 1; mask < 1 << rest.length; mask++) subsets.push(rest.filter((_, b) => mask & (1 << b)));
        subsets.sort((a, b) => a.length - b.length);
        for (const s of subsets) out.push({ kind: 'choices', ids: sorted([...ids, ...s]) });
      }
      break;
    }
    case 'integer':
    case 'decimal':
      if (rule.points.kind === 'bands') for (const b of rule.points.bands) out.push({ kind: 'number', value: b.min });
      break;
    case 'repetition':
    case 'file': {
      const have = current?.kind === 'rows' ? current.rows.length : current?.kind === 'files' ? current.names.length : 0;
      const p = rule.points;
      const most =
        p.kind === 'per_item' && p.perItem > 0 ? Math.ceil(p.max / p.perItem) : p.kind === 'bands' ? Math.max(0, ...p.bands.map((b) => Math.ceil(b.min))) : 1;
      for (let n = have + 1; n <= Math.max(have + 1, most); n++)
        out.push(
          question.type === 'repetition'
            ? { kind: 'rows', rows: [...(current?.kind === 'rows' ? current.rows : []), ...Array.from({ length: n - have }, () => ({}))] }
            : {
                kind: 'files',
                names: [...(current?.kind === 'files' ? current.names : []), ...Array.from({ length: n - have }, (_, k) => `document ${have + k + 1}`)],
              },
        );
      break;
    }
    default:
      break;
  }
  return out;
}

/** The answer that satisfies a gate with the least change. */
function satisfyingAnswer(
  question: Question,
  gate: { choices?: string[]; min?: number },
  current: Answer | undefined,
  rule: QuestionRule | undefined,
): Answer | undefined {
  if (gate.choices) {
    if (question.type === 'multiple_choice') {
      const ids = current?.kind === 'choices' ? current.ids : [];
      return { kind: 'choices', ids: [...ids, gate.choices[0]!] };
    }
    return { kind: 'choice', id: gate.choices[0]! };
  }
  if (gate.min !== undefined) {
    if (question.type === 'multiple_choice') {
      const ids = current?.kind === 'choices' ? [...current.ids] : [];
      for (const c of question.choices ?? []) if (ids.length < gate.min && !ids.includes(c.id)) ids.push(c.id);
      return { kind: 'choices', ids };
    }
    if (question.type === 'repetition') {
      const rows = current?.kind === 'rows' ? [...current.rows] : [];
      while (rows.length < gate.min) rows.push({});
      return { kind: 'rows', rows };
    }
    return { kind: 'number', value: gate.min };
  }
  if (question.type === 'yes_no' || question.type === 'checkbox') return { kind: 'bool', value: true };
  if (rule) return betterAnswers(question, rule, current).find((a) => answerPoints(rule.points, question, a) > 0);
  return undefined;
}
