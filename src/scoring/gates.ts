import type { Gate, PointsRule, Question } from '../edition/types.js';
import type { Answer } from '../ingest/dossier.js';
import { answerPoints, itemCount } from './points.js';

/**
 * Whether a gate holds for an answer. A gate reads the answer itself (not the points), so that it
 * still holds where its question is not applicable: « choices » one of these options; « min » a value
 * or a number of items; otherwise « oui », or any points under the question's rule.
 */
export function gateHolds(gate: Gate, question: Question, answer: Answer | undefined, rule?: PointsRule): boolean {
  if (!answer) return false;
  if (gate.choices) {
    if (answer.kind === 'choice') return gate.choices.includes(answer.id);
    if (answer.kind === 'choices') return answer.ids.some((id) => gate.choices!.includes(id));
    return false;
  }
  if (gate.min !== undefined) {
    const value = answer.kind === 'number' ? answer.value : itemCount(answer);
    return value >= gate.min;
  }
  if (answer.kind === 'bool') return answer.value;
  if (answer.kind === 'files') return answer.names.length > 0;
  return rule ? answerPoints(rule, question, answer) > 0 : false;
}

/** Whether a gate applies in a stratum. */
export function gateApplies(gate: Gate, stratumId: string): boolean {
  return !gate.strata || gate.strata.includes(stratumId);
}

/** How a gate is worded in explanations. */
export function gateLabel(gate: Gate, question: Question): string {
  return gate.label ?? question.label;
}
