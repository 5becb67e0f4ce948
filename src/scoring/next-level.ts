import { threshold } from '../edition/rubric.js';
import type { Level, Question, QuestionRule } from '../edition/types.js';
import type { Answer, Dossier } from '../ingest/dossier.js';
import { gateApplies, gateHolds } from './gates.js';
import { answerPoints } from './points.js';
import { roundTotal } from './round.js';
import type { RubricIndex } from './score.js';
import type { AnswerChange, NextLevelPath, ScoreCard } from './types.js';

interface Step {
  question: Question;
  rule: QuestionRule;
  to: Answer;
  gain: number;
}

/**
 * The cheapest way, in points, to reach the next level: first the answers its gates require, then
 * the better answers that move the total most per point (the volets whose points weigh most),
 * smallest steps first; finally every change that is not needed is dropped again.
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

  // 2. Points, greedily by weight per point, smallest steps first.
  const efficiency = (question: Question) => {
    const v = volets.get(question.volet)!;
    return v.max > 0 ? v.weight / v.max : 0;
  };
  for (let guard = 0; roundTotal(total(), decimals) + 1e-9 < target && guard < 1000; guard++) {
    const steps: Step[] = [];
    for (const id of applicable.keys()) {
      const question = index.questions.get(id)!;
      const rule = index.rules.get(id)!;
      if (efficiency(question) <= 0) continue;
      const step = smallestStep(question, rule, answers[id], points.get(id) ?? 0);
      if (step) steps.push(step);
    }
    if (!steps.length) return undefined;
    steps.sort((a, b) => efficiency(b.question) - efficiency(a.question) || a.gain - b.gain || a.question.id.localeCompare(b.question.id));
    apply(steps[0]!.question, steps[0]!.to, false);
  }
  if (roundTotal(total(), decimals) + 1e-9 < target) return undefined;

  // 3. Drop what is not needed (latest first), keeping the gates.
  for (const id of [...changed.keys()].reverse()) {
    if (changed.get(id)!.forGate) continue;
    const question = index.questions.get(id)!;
    const keep = answers[id];
    const original = dossier.answers[id];
    const before = points.get(id) ?? 0;
    const originalPoints = applicable.has(id) ? answerPoints(index.rules.get(id)!.points, question, original) : before;
    const v = volets.get(question.volet)!;
    v.points += originalPoints - before;
    if (roundTotal(total(), decimals) + 1e-9 >= target) {
      answers[id] = original;
      points.set(id, originalPoints);
      changed.delete(id);
    } else {
      v.points += before - originalPoints;
      answers[id] = keep;
    }
  }

  const changes: AnswerChange[] = [...changed.entries()].map(([id, { forGate }]) => {
    const question = index.questions.get(id)!;
    const from = dossier.answers[id];
    const to = answers[id]!;
    const rule = index.rules.get(id);
    const gain = rule && applicable.has(id) ? answerPoints(rule.points, question, to) - answerPoints(rule.points, question, from) : 0;
    return { question: id, volet: question.volet, ...(from ? { from } : {}), to, toLabel: describeChange(question, from, to), gain, forGate };
  });
  const order = edition.questionnaire.questions.map((x) => x.id);
  changes.sort((a, b) => order.indexOf(a.question) - order.indexOf(b.question));
  return { level: next.id, threshold: target, total: roundTotal(total(), decimals), changes };
}

/** The next better answer: the one with the smallest gain above the current points. */
function smallestStep(question: Question, rule: QuestionRule, current: Answer | undefined, currentPoints: number): Step | undefined {
  const options: Answer[] = [];
  switch (question.type) {
    case 'yes_no':
    case 'checkbox':
      options.push({ kind: 'bool', value: true }, { kind: 'bool', value: false });
      break;
    case 'single_choice':
      for (const c of question.choices ?? []) options.push({ kind: 'choice', id: c.id });
      break;
    case 'multiple_choice': {
      const ids = current?.kind === 'choices' ? current.ids : [];
      for (const c of question.choices ?? []) if (!ids.includes(c.id)) options.push({ kind: 'choices', ids: [...ids, c.id] });
      break;
    }
    case 'integer':
    case 'decimal':
      if (rule.points.kind === 'bands') for (const b of rule.points.bands) options.push({ kind: 'number', value: b.min });
      break;
    case 'repetition': {
      const rows = current?.kind === 'rows' ? current.rows : [];
      options.push({ kind: 'rows', rows: [...rows, {}] });
      break;
    }
    default:
      break;
  }
  let best: Step | undefined;
  for (const to of options) {
    const gain = answerPoints(rule.points, question, to) - currentPoints;
    if (gain > 1e-9 && (!best || gain < best.gain)) best = { question, rule, to, gain };
  }
  return best;
}

/** The answer that satisfies a gate with the least change. */
function satisfyingAnswer(question: Question, gate: { choices?: string[]; min?: number }, current: Answer | undefined, rule: QuestionRule | undefined): Answer | undefined {
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
  if (rule) return smallestStep(question, rule, current, 0)?.to;
  return undefined;
}

export function describeAnswer(question: Question, a: Answer | undefined): string {
  if (!a) return 'sans réponse';
  const label = (id: string) => question.choices?.find((c) => c.id === id)?.label ?? id;
  switch (a.kind) {
    case 'bool':
      return a.value ? 'Oui' : 'Non';
    case 'choice':
      return label(a.id);
    case 'choices':
      return a.ids.length ? a.ids.map(label).join(', ') : 'aucune';
    case 'number':
      return a.value.toLocaleString('fr-FR').replace(/\u202f/g, '\u00a0');
    case 'text':
      return a.value;
    case 'date':
      return a.value;
    case 'commune':
      return a.code ? `${a.name} (${a.code})` : a.name;
    case 'rows':
      return `${a.rows.length} ligne${a.rows.length > 1 ? 's' : ''}`;
    case 'files':
      return a.names.length ? a.names.join(', ') : 'aucun fichier';
  }
}

function describeChange(question: Question, from: Answer | undefined, to: Answer): string {
  if (to.kind === 'choices') {
    const before = from?.kind === 'choices' ? from.ids : [];
    const added = to.ids.filter((id) => !before.includes(id));
    return `ajouter : ${added.map((id) => question.choices?.find((c) => c.id === id)?.label ?? id).join(', ')}`;
  }
  if (to.kind === 'number') return `au moins ${describeAnswer(question, to)}`;
  if (to.kind === 'rows') {
    const before = from?.kind === 'rows' ? from.rows.length : 0;
    return `${to.rows.length - before} ligne${to.rows.length - before > 1 ? 's' : ''} de plus`;
  }
  return describeAnswer(question, to);
}
