import type { PointsRule, Question } from './types.js';

/** The most points a question can give under its rule. */
export function ruleMax(rule: PointsRule, question?: Question): number {
  switch (rule.kind) {
    case 'yes_no':
      return Math.max(rule.yes, rule.no);
    case 'choices': {
      const values = Object.values(rule.choices);
      const best = question?.type === 'multiple_choice' ? values.reduce((s, v) => s + v, 0) : values.reduce((m, v) => Math.max(m, v), 0);
      return rule.max === undefined ? best : Math.min(best, rule.max);
    }
    case 'per_item': {
      const items = question?.type === 'multiple_choice' ? (question.choices?.length ?? 0) : Infinity;
      return Math.min(rule.max, rule.perItem * items);
    }
    case 'bands':
      return rule.bands.reduce((m, b) => Math.max(m, b.points), 0);
  }
}

/**
 * The most points an answer the form accepts can earn: the rule's maximum, except for bands above
 * the largest number the question accepts (its `max`), which no answer reaches.
 */
export function reachablePoints(rule: PointsRule, question?: Question): number {
  if (rule.kind !== 'bands') return ruleMax(rule, question);
  const top = question?.max ?? Infinity;
  return rule.bands.filter((b) => b.min <= top).reduce((m, b) => Math.max(m, b.points), 0);
}
