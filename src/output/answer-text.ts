import { frNumber, longDate } from '../util/french.js';
import type { Question } from '../edition/types.js';
import type { Answer, Avis } from '../ingest/dossier.js';

// How an answer, and a change of answer on the path to the next level, are said in French: for
// the explanation, the fiches and the jury's book. The scoring core deals in answers, never words.

/** An answer as the applicant gave it: « Oui », the labels of the choices, « 3 lignes »… */
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
      return frNumber(a.value);
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

/** What to change to gain the points: « ajouter : … », « au moins 3 », « 2 lignes de plus »… */
export function describeChange(question: Question, from: Answer | undefined, to: Answer): string {
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
  if (to.kind === 'files') {
    const before = from?.kind === 'files' ? from.names.length : 0;
    const n = to.names.length - before;
    return `${n} document${n > 1 ? 's' : ''} de plus à joindre`;
  }
  return describeAnswer(question, to);
}

/** An expert opinion requested on DS, in one sentence: its question, its answer or that it is pending. */
export function describeAvis(a: Avis): string {
  const who = `Avis d’expert${a.expert ? ` (${a.expert})` : ''}${a.askedBy ? `, demandé par ${a.askedBy}` : ''}`;
  const question = a.question ? ` — « ${a.question} »` : '';
  const date = a.answeredAt && /^\d{4}-\d{2}-\d{2}$/.test(a.answeredAt) ? ` (répondu le ${longDate(a.answeredAt, false)})` : '';
  const answer =
    a.answer || a.yesNo
      ? ` : ${[a.yesNo ? (a.yesNo === 'oui' ? 'Oui' : 'Non') : '', a.answer ?? ''].filter(Boolean).join(' — ')}${date}`
      : ' : en attente de réponse';
  return `${who}${question}${answer}`;
}
