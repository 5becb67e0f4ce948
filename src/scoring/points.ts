import type { PointsRule, Question } from '../edition/types.js';
import type { Answer } from '../ingest/dossier.js';
import { ruleMax } from '../edition/rule-max.js';
import { own } from '../util/own.js';

/** Points an answer earns under a rule (0 for an answer of the wrong kind: ingest reports those). */
export function answerPoints(rule: PointsRule, question: Question, answer: Answer | undefined, max?: number): number {
  if (!answer) return 0;
  const cap = (n: number) => (rule.kind === 'yes_no' || rule.kind === 'bands' ? n : Math.min(n, max ?? ruleMax(rule, question)));
  switch (rule.kind) {
    case 'yes_no':
      // A pièce justificative counts as « oui » when at least one file is provided.
      if (answer.kind === 'files') return answer.names.length ? rule.yes : rule.no;
      return answer.kind === 'bool' ? (answer.value ? rule.yes : rule.no) : 0;
    case 'choices':
      if (answer.kind === 'choice') return cap(own(rule.choices, answer.id) ?? 0);
      if (answer.kind === 'choices') return cap(answer.ids.reduce((s, id) => s + (own(rule.choices, id) ?? 0), 0));
      return 0;
    case 'per_item': {
      const n = itemCount(answer);
      return cap(n * rule.perItem);
    }
    case 'bands': {
      const value = answer.kind === 'number' ? answer.value : answer.kind === 'rows' || answer.kind === 'files' ? itemCount(answer) : undefined;
      if (value === undefined) return 0;
      let points = 0;
      for (const b of rule.bands) if (value >= b.min) points = b.points;
      return points;
    }
  }
}

export function itemCount(answer: Answer): number {
  return answer.kind === 'choices' ? answer.ids.length : answer.kind === 'rows' ? answer.rows.length : answer.kind === 'files' ? answer.names.length : 0;
}
