import { didYouMean, q } from '../util/french.js';
import { closest, normaliseLabel } from '../util/suggest.js';
import type { Finding } from '../findings/finding.js';
import { findingAt, type Path, type YamlSource } from '../util/yaml-source.js';
import { IDENTITY_ROLES, type Choice, type IdentityField, type IdentityRole, type Question, type Questionnaire } from './types.js';

/* Raw shapes, as the JSON Schema guarantees them. */
interface RawChoice {
  id: string;
  label: string;
  aliases?: string[];
}
interface RawField {
  label: string;
  type?: IdentityField['type'];
  aliases?: string[];
  stable_id?: number;
  required?: boolean;
  choices?: RawChoice[];
}
interface RawQuestion {
  id: string;
  volet: string;
  label: string;
  type: Question['type'];
  aliases?: string[];
  stable_id?: number;
  choices?: RawChoice[];
  children?: Question['children'];
  required?: boolean;
  help?: string;
  min?: number;
  max?: number;
  unit?: string;
}
interface RawAnnotation {
  id: string;
  label: string;
  stable_id?: number;
  aliases?: string[];
  explain?: boolean;
}
export interface RawQuestionnaire {
  edition: number;
  number: number;
  title: string;
  demarche?: { instance?: string; number?: number };
  volets: { id: string; title: string; short?: string; description: string }[];
  identity: Partial<Record<IdentityRole, RawField>>;
  questions: RawQuestion[];
  annotations?: RawAnnotation[];
}

const defaultIdentityType: Record<IdentityRole, IdentityField['type']> = {
  name: 'text',
  kind: 'single_choice',
  code: 'text',
  population: 'integer',
  departement: 'departement',
  commune: 'commune',
  epci: 'epci',
  referent: 'text',
  responsable: 'text',
  email: 'email',
  phone: 'phone',
};
const personalRoles: ReadonlySet<IdentityRole> = new Set(['email', 'phone', 'responsable']);

const choice = (c: RawChoice): Choice => ({ id: c.id, label: c.label, ...(c.aliases ? { aliases: c.aliases } : {}) });

/** Raw (schema-valid) data → typed questionnaire. */
export function buildQuestionnaire(raw: RawQuestionnaire): Questionnaire {
  const identity: Questionnaire['identity'] = {};
  for (const role of IDENTITY_ROLES) {
    const f = raw.identity[role];
    if (!f) continue;
    identity[role] = {
      role,
      label: f.label,
      type: f.type ?? defaultIdentityType[role],
      aliases: f.aliases ?? [],
      ...(f.stable_id !== undefined ? { stableId: f.stable_id } : {}),
      ...(f.choices ? { choices: f.choices.map(choice) } : {}),
      required: f.required ?? ['name', 'kind', 'population'].includes(role),
      personal: personalRoles.has(role),
    };
  }
  return {
    edition: raw.edition,
    number: raw.number,
    title: raw.title,
    ...(raw.demarche ? { demarche: raw.demarche } : {}),
    volets: raw.volets.map((v) => ({ ...v, short: v.short ?? v.title })),
    identity,
    questions: raw.questions.map((r) => ({
      id: r.id,
      volet: r.volet,
      label: r.label,
      type: r.type,
      aliases: r.aliases ?? [],
      ...(r.stable_id !== undefined ? { stableId: r.stable_id } : {}),
      ...(r.choices ? { choices: r.choices.map(choice) } : {}),
      ...(r.children ? { children: r.children } : {}),
      required: r.required ?? false,
      ...(r.help ? { help: r.help } : {}),
      ...(r.min !== undefined ? { min: r.min } : {}),
      ...(r.max !== undefined ? { max: r.max } : {}),
      ...(r.unit !== undefined ? { unit: r.unit } : {}),
    })),
    annotations: (raw.annotations ?? []).map((a) => ({
      id: a.id,
      label: a.label,
      aliases: a.aliases ?? [],
      ...(a.stable_id !== undefined ? { stableId: a.stable_id } : {}),
      explain: a.explain ?? false,
    })),
  };
}

/** Semantic checks a JSON Schema cannot express. */
export function checkQuestionnaire(raw: RawQuestionnaire, source: YamlSource): Finding[] {
  const findings: Finding[] = [];
  const add = (rule: string, message: string, path: Path, severity: Finding['severity'] = 'error', key = false): void => {
    findings.push(findingAt(source, `questionnaire/${rule}`, message, path, { severity, key }));
  };

  const voletIds = new Set<string>();
  raw.volets.forEach((v, i) => {
    if (voletIds.has(v.id)) add('unique-id', `le volet ${q(v.id)} est déclaré deux fois`, ['volets', i, 'id']);
    voletIds.add(v.id);
  });

  const questionIds = new Set<string>();
  const stableIds = new Map<number, string>();
  const labels = new Map<string, string>();
  const noteStable = (id: number | undefined, owner: string, path: Path): void => {
    if (id === undefined) return;
    const other = stableIds.get(id);
    if (other) add('unique-stable-id', `l’identifiant stable ${id} sert déjà à ${q(other)}`, path);
    else stableIds.set(id, owner);
  };
  const noteLabel = (label: string, owner: string, path: Path): void => {
    const n = normaliseLabel(label);
    const other = labels.get(n);
    if (other)
      add(
        'duplicate-label',
        `le libellé ${q(label)} est aussi celui de ${q(other)} : les colonnes de l’export ne pourront être distinguées que par l’identifiant stable`,
        path,
        'warning',
      );
    else labels.set(n, owner);
  };

  for (const role of IDENTITY_ROLES) {
    const f = raw.identity[role];
    if (!f) continue;
    noteStable(f.stable_id, `identity.${role}`, ['identity', role, 'stable_id']);
    noteLabel(f.label, `identity.${role}`, ['identity', role, 'label']);
    checkChoices(f.choices, ['identity', role, 'choices'], add);
  }

  raw.questions.forEach((question, i) => {
    if (questionIds.has(question.id)) add('unique-id', `la question ${q(question.id)} est déclarée deux fois`, ['questions', i, 'id']);
    questionIds.add(question.id);
    if (!voletIds.has(question.volet))
      add('unknown-volet', `volet inconnu ${q(question.volet)} pour la question ${q(question.id)}.${didYouMean(closest(question.volet, voletIds))}`, [
        'questions',
        i,
        'volet',
      ]);
    noteStable(question.stable_id, question.id, ['questions', i, 'stable_id']);
    noteLabel(question.label, question.id, ['questions', i, 'label']);
    checkChoices(question.choices, ['questions', i, 'choices'], add);
  });

  raw.questions.forEach((question, i) => {
    const numeric = question.type === 'integer' || question.type === 'decimal';
    for (const key of ['min', 'max', 'unit'] as const)
      if (question[key] !== undefined && !numeric)
        add('number-only', `« ${key} » ne s’applique qu’à une question nombre (integer ou decimal), pas à ${q(question.id)}`, ['questions', i, key]);
    if (question.min !== undefined && question.max !== undefined && question.min > question.max)
      add('range', `« min » (${question.min}) dépasse « max » (${question.max}) pour ${q(question.id)}`, ['questions', i, 'min']);
  });
  const annotationIds = new Set<string>();
  (raw.annotations ?? []).forEach((a, i) => {
    if (annotationIds.has(a.id)) add('unique-id', `l’annotation ${q(a.id)} est déclarée deux fois`, ['annotations', i, 'id']);
    annotationIds.add(a.id);
    noteStable(a.stable_id, `annotations.${a.id}`, ['annotations', i, 'stable_id']);
    noteLabel(a.label, `annotations.${a.id}`, ['annotations', i, 'label']);
  });

  for (const v of voletIds) {
    if (!raw.questions.some((x) => x.volet === v)) add('empty-volet', `le volet ${q(v)} n’a aucune question`, ['volets'], 'warning');
  }
  return findings;
}

function checkChoices(choices: RawChoice[] | undefined, path: Path, add: (rule: string, message: string, path: Path) => void): void {
  if (!choices) return;
  const ids = new Set<string>();
  const labels = new Set<string>();
  choices.forEach((c, j) => {
    if (ids.has(c.id)) add('unique-id', `l’option ${q(c.id)} est déclarée deux fois`, [...path, j, 'id']);
    ids.add(c.id);
    const n = normaliseLabel(c.label);
    if (labels.has(n)) add('duplicate-choice-label', `deux options portent le libellé ${q(c.label)}`, [...path, j, 'label']);
    labels.add(n);
  });
}
