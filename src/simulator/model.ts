import type { AuthorityKind, Edition, Question, QuestionType } from '../edition/types.js';
import type { Answer, Dossier } from '../ingest/dossier.js';
import { numberAnswer, parseFrenchNumber, withoutUnit } from '../ingest/values.js';

/**
 * The self-assessment page (`tnl simulateur`): what it is given, and how its form becomes a
 * dossier that the project's own scoring reads. Pure: the page (page.ts) and the tests share it.
 */

/** The kinds of question the page asks: those that can earn points or open a level. */
export type FormQuestionType = Exclude<QuestionType, 'commune' | 'repetition' | 'file'> | 'rows' | 'files';

export interface FormQuestion {
  id: string;
  label: string;
  help?: string;
  type: FormQuestionType;
  choices?: { id: string; label: string }[];
  min?: number;
  max?: number;
  unit?: string;
  required: boolean;
}

export interface FormVolet {
  id: string;
  title: string;
  description: string;
  questions: FormQuestion[];
}

/** Everything the page holds: the edition (scored in the page by tnl's code) and how to show it. */
export interface SimulatorData {
  year: number;
  number: number;
  /** The rubric's version: the start of the SHA-256 of its file, as `tnl score` prints it. */
  bareme: string;
  /** Levels and paths only, no points nor thresholds (`--sans-bareme`). */
  withoutPoints: boolean;
  kinds: { id: AuthorityKind; label: string }[];
  volets: FormVolet[];
  edition: Edition;
}

/** The form's state: what the applicant entered, as text (as the fields hold it). */
export interface FormState {
  name: string;
  kind: string;
  population: string;
  /** By question id: a choice id, « oui »/« non », a number as typed, or the ids ticked. */
  answers: Record<string, string | string[]>;
}

const KIND_LABELS: Record<AuthorityKind, string> = {
  commune: 'Commune',
  epci: 'Intercommunalité (EPCI)',
  syndicat: 'Syndicat ou établissement public local',
  departement: 'Département',
  region: 'Région',
  autre: 'Autre organisme public',
};

/** The data of the page for an edition: the questions that earn points or open a level, by volet. */
export function simulatorData(edition: Edition, opts: { withoutPoints: boolean }): SimulatorData {
  const { questionnaire, rubric } = edition;
  const counted = new Set<string>([...rubric.rules.map((r) => r.questionId), ...rubric.levels.flatMap((l) => l.requires.map((g) => g.question))]);
  const kindField = questionnaire.identity.kind;
  const kinds = [...new Set(rubric.strata.map((s) => s.kind))].map((id) => ({
    id,
    label: kindField?.choices?.find((c) => c.id === id)?.label ?? KIND_LABELS[id],
  }));
  const volets = questionnaire.volets
    .map((v) => ({
      id: v.id,
      title: v.title,
      description: v.description,
      questions: questionnaire.questions.filter((x) => x.volet === v.id && counted.has(x.id)).flatMap((x) => formQuestion(x) ?? []),
    }))
    .filter((v) => v.questions.length);
  return {
    year: edition.year,
    number: questionnaire.number,
    bareme: edition.rubricHash.slice(0, 12),
    withoutPoints: opts.withoutPoints,
    kinds,
    volets,
    edition,
  };
}

function formQuestion(x: Question): FormQuestion | undefined {
  if (x.type === 'commune') return undefined;
  const type: FormQuestionType = x.type === 'repetition' ? 'rows' : x.type === 'file' ? 'files' : x.type;
  return {
    id: x.id,
    label: x.label,
    ...(x.help ? { help: x.help } : {}),
    type,
    ...(x.choices ? { choices: x.choices.map((c) => ({ id: c.id, label: c.label })) } : {}),
    ...(x.min !== undefined ? { min: x.min } : {}),
    ...(x.max !== undefined ? { max: x.max } : {}),
    ...(x.unit ? { unit: x.unit } : {}),
    required: x.required,
  };
}

/** An answer from a field's value, by the same rules as an export's cell; undefined when unanswered. */
export function formAnswer(question: Question, value: string | string[] | undefined): { answer?: Answer; problem?: string } {
  if (value === undefined) return {};
  if (Array.isArray(value)) {
    const order = (question.choices ?? []).map((c) => c.id);
    const ids = value.filter((id) => order.includes(id)).sort((a, b) => order.indexOf(a) - order.indexOf(b));
    return ids.length ? { answer: { kind: 'choices', ids } } : {};
  }
  const text = value.trim();
  if (!text) return {};
  switch (question.type) {
    case 'yes_no':
    case 'checkbox':
      return text === 'oui' ? { answer: { kind: 'bool', value: true } } : text === 'non' ? { answer: { kind: 'bool', value: false } } : {};
    case 'single_choice':
      return question.choices?.some((c) => c.id === text) ? { answer: { kind: 'choice', id: text } } : {};
    case 'multiple_choice':
      return formAnswer(question, text.split(','));
    case 'integer':
    case 'decimal': {
      // The same reading as an export's cell: French or English decimals, thousands, the unit.
      const r = numberAnswer(question, text, parseFrenchNumber(question.unit ? withoutUnit(text, [question.unit]) : text), 'applicant');
      return { ...(r.answer ? { answer: r.answer } : {}), ...(r.problem ? { problem: r.problem.message } : {}) };
    }
    case 'repetition':
    case 'file': {
      const n = parseFrenchNumber(text);
      if (n === undefined || n < 0 || !Number.isInteger(n)) return { problem: `« ${text} » n’est pas un nombre entier positif` };
      if (question.type === 'repetition') return { answer: { kind: 'rows', rows: Array.from({ length: n }, () => ({})) } };
      return n ? { answer: { kind: 'files', names: Array.from({ length: n }, (_, i) => `document ${i + 1}`) } } : {};
    }
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(text) ? { answer: { kind: 'date', value: text } } : {};
    case 'text':
      return { answer: { kind: 'text', value: text } };
    case 'commune':
      return {};
  }
}

/** The number given to the one dossier of a simulation, in the page and in its export. */
export const SIMULATION_NUMBER = '1';

/** The form as a dossier, scored by the same code as an export's dossiers. */
export function formDossier(state: FormState, edition: Edition): { dossier: Dossier; problems: { question: string; message: string }[] } {
  const dossier: Dossier = { number: SIMULATION_NUMBER, identity: {}, answers: {}, unavailable: [], sources: {} };
  if (state.name.trim()) dossier.identity.name = state.name.trim();
  if (edition.rubric.strata.some((s) => s.kind === state.kind)) dossier.identity.kind = state.kind as AuthorityKind;
  const population = parseFrenchNumber(state.population);
  if (population !== undefined && Number.isInteger(population) && population >= 0) dossier.identity.population = population;
  const problems: { question: string; message: string }[] = [];
  for (const question of edition.questionnaire.questions) {
    const r = formAnswer(question, state.answers[question.id]);
    if (r.answer) dossier.answers[question.id] = r.answer;
    if (r.problem) problems.push({ question: question.id, message: r.problem });
  }
  return { dossier, problems };
}

/** A champ's descriptor as the DS API gives it: base64 of « Champ-<stable id> ». */
function descriptor(stableId: number | undefined): Record<string, string> {
  return stableId === undefined ? {} : { champDescriptorId: btoa(`Champ-${stableId}`) };
}

/**
 * The answers as a file that `tnl score` and `tnl explain` read like an export of one dossier: the
 * shape of the DS API (`data.dossier`, champs with their stable ids and typed values), marked as a
 * simulation (`simulateur`: edition and barème), without a state.
 */
export function exportAnswers(state: FormState, data: SimulatorData): unknown {
  const { edition } = data;
  const { questionnaire } = edition;
  const { dossier } = formDossier(state, edition);
  const champs: Record<string, unknown>[] = [];
  const identity = questionnaire.identity;
  if (dossier.identity.name !== undefined && identity.name)
    champs.push({ ...descriptor(identity.name.stableId), label: identity.name.label, stringValue: dossier.identity.name });
  if (dossier.identity.kind && identity.kind) {
    const label = identity.kind.choices?.find((c) => c.id === dossier.identity.kind)?.label ?? KIND_LABELS[dossier.identity.kind];
    champs.push({ ...descriptor(identity.kind.stableId), label: identity.kind.label, value: label, stringValue: label });
  }
  if (dossier.identity.population !== undefined && identity.population)
    champs.push({
      ...descriptor(identity.population.stableId),
      label: identity.population.label,
      integerNumber: dossier.identity.population,
      stringValue: String(dossier.identity.population),
    });
  for (const question of questionnaire.questions) {
    const answer = dossier.answers[question.id];
    if (answer) champs.push({ ...descriptor(question.stableId), label: question.label, ...champValue(question, answer) });
  }
  return {
    simulateur: { edition: data.year, bareme: data.bareme },
    data: { dossier: { number: Number(SIMULATION_NUMBER), champs } },
  };
}

function champValue(question: Question, answer: Answer): Record<string, unknown> {
  const label = (id: string) => question.choices?.find((c) => c.id === id)?.label ?? id;
  switch (answer.kind) {
    case 'bool':
      return { checked: answer.value, stringValue: answer.value ? 'Oui' : 'Non' };
    case 'choice':
      return { value: label(answer.id), stringValue: label(answer.id) };
    case 'choices':
      return { values: answer.ids.map(label), stringValue: answer.ids.map(label).join(', ') };
    case 'number':
      return question.type === 'integer'
        ? { integerNumber: answer.value, stringValue: String(answer.value) }
        : { decimalNumber: answer.value, stringValue: String(answer.value) };
    case 'rows':
      return { rows: answer.rows.map(() => ({ champs: [] })) };
    case 'files':
      return { files: answer.names.map((filename) => ({ filename })), stringValue: null };
    case 'date':
      return { date: answer.value, stringValue: answer.value };
    case 'text':
      return { stringValue: answer.value };
    case 'commune':
      return { stringValue: answer.name };
  }
}
