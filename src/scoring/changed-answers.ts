/**
 * The answers a returning authority changed since last year: its dossier of this year beside last
 * year's, both read with this year's questionnaire (champs found by stable id or label). Only
 * questions that last year's export carries are compared: a question new this year is not a
 * « change ». Pure.
 */
import type { Question } from '../edition/types.js';
import type { Answer, Dossier } from '../ingest/dossier.js';

export interface ChangedAnswer {
  question: string;
  /** Undefined: not answered. */
  before?: Answer;
  now?: Answer;
}

/**
 * Last year's dossier of each returning authority, keyed by this year's dossier number, read with
 * this year's questionnaire; `carried`: the questions last year's export has a champ for.
 */
export interface LastYear {
  edition: number;
  dossiers: ReadonlyMap<string, Dossier>;
  carried: ReadonlySet<string>;
}

/** An answer as a comparable key: choices in any order, texts with their spaces collapsed. */
export function answerKey(a: Answer | undefined): string {
  if (!a) return '';
  switch (a.kind) {
    case 'choices':
      return `choices:${[...a.ids].sort().join('\u0000')}`;
    case 'text':
      return `text:${a.value.replace(/\s+/g, ' ').trim()}`;
    case 'files':
      return `files:${[...a.names].sort().join('\u0000')}`;
    case 'rows':
      return `rows:${JSON.stringify(a.rows.map((r) => Object.fromEntries(Object.entries(r).sort(([x], [y]) => (x < y ? -1 : 1)))))}`;
    default:
      return JSON.stringify(a);
  }
}

/**
 * This year's questions (in the questionnaire's order) whose answer differs from last year's.
 * `carried`: the questions last year's export has a champ for; a question either export cannot
 * carry (a repetition block in a CSV) is left out.
 */
export function changedAnswers(questions: readonly Question[], before: Dossier, now: Dossier, carried: ReadonlySet<string>): ChangedAnswer[] {
  const out: ChangedAnswer[] = [];
  for (const q of questions) {
    if (!carried.has(q.id) || before.unavailable.includes(q.id) || now.unavailable.includes(q.id)) continue;
    const a = before.answers[q.id];
    const b = now.answers[q.id];
    if (answerKey(a) === answerKey(b)) continue;
    out.push({ question: q.id, ...(a ? { before: a } : {}), ...(b ? { now: b } : {}) });
  }
  return out;
}
