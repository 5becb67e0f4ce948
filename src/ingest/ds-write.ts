/**
 * Writing back to démarches simplifiées, the pure part: the queries that read what is in place
 * (annotations, labels, messages of each dossier), the mutations, and the plans — what would be
 * written, old value → new value, each write typed as its annotation requires. A plan is computed
 * from DS's state as read: a value already in place is not written again.
 */
import { frNumber } from '../util/french.js';
import { normaliseLabel } from '../util/suggest.js';
import { parseFrenchNumber } from './values.js';

export const STATE_QUERY = `query getDemarcheEtat($demarcheNumber: Int!, $after: String) {
  demarche(number: $demarcheNumber) {
    id number
    labels { id name }
    groupeInstructeurs { instructeurs { id email } }
    activeRevision { annotationDescriptors { __typename id label ... on DropDownListChampDescriptor { options } } }
    dossiers(first: 100, after: $after) {
      pageInfo { hasNextPage endCursor }
      nodes {
        id number state
        labels { id name }
        annotations { id champDescriptorId label stringValue }
        messages { id body createdAt attachments { filename } }
      }
    }
  }
}`;

export const MODIFIER_ANNOTATIONS = `mutation modifierAnnotations($input: DossierModifierAnnotationsInput!) {
  dossierModifierAnnotations(input: $input) { errors { message } }
}`;

export const AJOUTER_LABEL = `mutation ajouterLabel($input: DossierAjouterLabelInput!) {
  dossierAjouterLabel(input: $input) { errors { message } }
}`;

export const CREATE_DIRECT_UPLOAD = `mutation createDirectUpload($input: CreateDirectUploadInput!) {
  createDirectUpload(input: $input) { directUpload { url headers blobId signedBlobId } }
}`;

export const ENVOYER_MESSAGE = `mutation envoyerMessage($input: DossierEnvoyerMessageInput!) {
  dossierEnvoyerMessage(input: $input) { message { id } errors { message } }
}`;

export interface DsDossier {
  id: string;
  number: number;
  state: string;
  labels: { id: string; name: string }[];
  annotations: { id: string; champDescriptorId: string; label: string; stringValue: string | null }[];
  messages: { id: string; body: string; createdAt: string; attachments: { filename: string }[] }[];
}

export interface DsState {
  demarcheId: string;
  labels: { id: string; name: string }[];
  instructeurs: { id: string; email: string }[];
  annotationDescriptors: { typename: string; id: string; label: string; options?: string[] }[];
  dossiers: DsDossier[];
}

type Json = Record<string, unknown>;
const isRecord = (x: unknown): x is Json => typeof x === 'object' && x !== null && !Array.isArray(x);
const list = (x: unknown): Json[] => (Array.isArray(x) ? x.filter(isRecord) : []);

/** One page of STATE_QUERY into the state gathered so far; the cursor of the next page, if any. */
export function addStatePage(state: DsState | undefined, data: Json): { state: DsState; next?: string } {
  const d = isRecord(data.demarche) ? data.demarche : {};
  const s: DsState = state ?? {
    demarcheId: String(d.id ?? ''),
    labels: list(d.labels).map((l) => ({ id: String(l.id), name: String(l.name) })),
    instructeurs: list(d.groupeInstructeurs).flatMap((g) => list(g.instructeurs).map((i) => ({ id: String(i.id), email: String(i.email) }))),
    annotationDescriptors: list(isRecord(d.activeRevision) ? d.activeRevision.annotationDescriptors : []).map((a) => ({
      typename: String(a.__typename),
      id: String(a.id),
      label: String(a.label),
      ...(Array.isArray(a.options) ? { options: a.options.map(String) } : {}),
    })),
    dossiers: [],
  };
  const conn = isRecord(d.dossiers) ? d.dossiers : {};
  for (const n of list(conn.nodes))
    s.dossiers.push({
      id: String(n.id),
      number: Number(n.number),
      state: String(n.state),
      labels: list(n.labels).map((l) => ({ id: String(l.id), name: String(l.name) })),
      annotations: list(n.annotations).map((a) => ({
        id: String(a.id),
        champDescriptorId: String(a.champDescriptorId),
        label: String(a.label),
        stringValue: typeof a.stringValue === 'string' ? a.stringValue : null,
      })),
      messages: list(n.messages).map((m) => ({
        id: String(m.id),
        body: String(m.body),
        createdAt: String(m.createdAt),
        attachments: list(m.attachments).map((f) => ({ filename: String(f.filename) })),
      })),
    });
  const info = isRecord(conn.pageInfo) ? conn.pageInfo : {};
  return { state: s, ...(info.hasNextPage === true && typeof info.endCursor === 'string' ? { next: info.endCursor } : {}) };
}

/** What a write to an annotation takes, by the annotation's type: the value, or why it cannot be written. */
export function annotationValue(typename: string, value: string | number, options?: readonly string[]): { value: Json; text: string } | { problem: string } {
  const t = typename.replace(/ChampDescriptor$/, '');
  if (t === 'Text') return { value: { text: String(value) }, text: String(value) };
  if (t === 'Textarea') return { value: { textarea: String(value) }, text: String(value) };
  if (t === 'DecimalNumber' || t === 'Number') {
    const n = typeof value === 'number' ? value : parseFrenchNumber(value);
    return n === undefined ? { problem: `« ${value} » n’est pas un nombre` } : { value: { decimalNumber: n }, text: frNumber(n) };
  }
  if (t === 'IntegerNumber') {
    const n = typeof value === 'number' ? value : parseFrenchNumber(value);
    if (n === undefined || !Number.isInteger(n))
      return {
        problem: `« ${typeof value === 'number' ? frNumber(value) : value} » n’est pas un nombre entier : l’annotation doit être un nombre décimal (ou un texte)`,
      };
    return { value: { integerNumber: n }, text: String(n) };
  }
  if (t === 'DropDownList') {
    const found = options?.find((o) => normaliseLabel(o) === normaliseLabel(String(value)));
    return found === undefined
      ? { problem: `« ${value} » n’est pas une option de cette liste (${(options ?? []).map((o) => `« ${o} »`).join(', ')})` }
      : { value: { dropDownList: found }, text: found };
  }
  return { problem: `une annotation de type ${t} ne reçoit pas ce que tnl écrit (texte, nombre ou liste déroulante)` };
}

/** Whether an annotation's value as DS shows it is already the one to write. */
export function sameValue(current: string | null, text: string, typed: Json): boolean {
  if (current === null || current === '') return false;
  const n = typed.decimalNumber ?? typed.integerNumber;
  if (typeof n === 'number') return parseFrenchNumber(current.trim()) === n;
  return normaliseLabel(current) === normaliseLabel(text);
}

/** The line of a message that identifies it, so that it is never sent twice: « Réf. tnl : … ». */
export const messageMarker = (edition: number, dossier: number, digest: string): string => `Réf. tnl ${edition}-${dossier}-${digest.slice(0, 12)}`;

export const DOSSIER_QUERY = `query getDossierEtat($number: Int!) {
  dossier(number: $number) {
    id number state
    labels { id name }
    annotations { id champDescriptorId label stringValue }
    messages { id body createdAt attachments { filename } }
  }
}`;

/** A dossier of DOSSIER_QUERY's answer. */
export function dossierFrom(data: Json): DsDossier | undefined {
  const n = isRecord(data.dossier) ? data.dossier : undefined;
  if (!n) return undefined;
  return addStatePage(undefined, { demarche: { dossiers: { nodes: [n] } } }).state.dossiers[0];
}

/** One scored dossier as the scores file (tnl score --format json) gives it. */
export interface ScoredForDs {
  number: string;
  name?: string;
  total: number | null;
  proposedLevel: string | null;
  finalLevel: string | null;
  volets: { id: string; points: number }[];
}

/** One line of a plan: a value to put in an annotation, or a label to add. */
export interface PlanRow {
  dossier: number;
  dossierId: string;
  kind: 'annotation' | 'label';
  target: string;
  old: string | null;
  new: string;
  /** False when the value is already in place. */
  write: boolean;
  descriptorId?: string;
  typed?: Json;
  labelId?: string;
}

export interface DsMapping {
  annotations: { niveau_propose?: string; total?: string; niveau_final?: string; volets: Record<string, string> };
  labels: Record<string, string>;
}

/**
 * What `tnl ds annoter` would write, from the scores and DS's state as read: every row, with the
 * old value and the new one, and every problem that forbids writing anything (an annotation that
 * does not exist or has the wrong type, a label DS does not have, a dossier of another démarche).
 * `levelText` says a level as the annotations receive it (« niveau 5 », « Or »); `levelNames` the
 * other ways an option of a list may name it.
 */
export function annotationPlan(
  scored: readonly ScoredForDs[],
  mapping: DsMapping,
  state: DsState,
  levelNames: (level: string) => string[],
): { rows: PlanRow[]; problems: string[] } {
  const problems: string[] = [];
  const rows: PlanRow[] = [];
  const descriptorOf = (label: string) => state.annotationDescriptors.find((d) => normaliseLabel(d.label) === normaliseLabel(label));
  const targets: { key: string; label: string; value: (s: ScoredForDs) => string | number | null; level?: boolean }[] = [];
  const a = mapping.annotations;
  if (a.niveau_propose) targets.push({ key: 'niveau_propose', label: a.niveau_propose, value: (s) => s.proposedLevel, level: true });
  if (a.total) targets.push({ key: 'total', label: a.total, value: (s) => s.total });
  if (a.niveau_final) targets.push({ key: 'niveau_final', label: a.niveau_final, value: (s) => s.finalLevel, level: true });
  for (const [volet, label] of Object.entries(a.volets))
    targets.push({ key: `volets.${volet}`, label, value: (s) => s.volets.find((v) => v.id === volet)?.points ?? null });
  for (const t of targets)
    if (!descriptorOf(t.label))
      problems.push(
        `annotation « ${t.label} » (ds.annotations.${t.key}) : la démarche n’a pas d’annotation privée de ce libellé (elle a : ${state.annotationDescriptors.map((d) => `« ${d.label} »`).join(', ') || 'aucune'})`,
      );
  const labelIds = new Map<string, string>();
  for (const [level, name] of Object.entries(mapping.labels)) {
    const label = state.labels.find((l) => normaliseLabel(l.name) === normaliseLabel(name));
    if (!label)
      problems.push(
        `label « ${name} » (ds.labels."${level}") : la démarche n’a pas ce label (elle a : ${state.labels.map((l) => `« ${l.name} »`).join(', ') || 'aucun'})`,
      );
    else labelIds.set(level, label.id);
  }
  for (const s of scored) {
    const d = state.dossiers.find((x) => String(x.number) === s.number);
    if (!d) {
      problems.push(`dossier ${s.number} : il n’est pas dans la démarche (les notes sont-elles celles de cette démarche ?)`);
      continue;
    }
    for (const t of targets) {
      const descriptor = descriptorOf(t.label);
      const raw = t.value(s);
      if (!descriptor || raw === null) continue;
      const candidates = t.level ? levelNames(String(raw)) : [raw];
      const typed =
        descriptor.typename === 'DropDownListChampDescriptor'
          ? (candidates.map((c) => annotationValue(descriptor.typename, c, descriptor.options)).find((v) => 'value' in v) ??
            annotationValue(descriptor.typename, candidates[0]!, descriptor.options))
          : annotationValue(descriptor.typename, candidates[0]!, descriptor.options);
      if ('problem' in typed) {
        problems.push(`dossier ${s.number}, annotation « ${descriptor.label} » : ${typed.problem}`);
        continue;
      }
      const current = d.annotations.find((x) => x.champDescriptorId === descriptor.id)?.stringValue ?? null;
      rows.push({
        dossier: d.number,
        dossierId: d.id,
        kind: 'annotation',
        target: descriptor.label,
        old: current,
        new: typed.text,
        write: !sameValue(current, typed.text, typed.value),
        descriptorId: descriptor.id,
        typed: typed.value,
      });
    }
    const level = s.finalLevel ?? s.proposedLevel;
    const labelId = level === null ? undefined : labelIds.get(level);
    if (labelId) {
      const name = state.labels.find((l) => l.id === labelId)!.name;
      const has = d.labels.some((l) => l.id === labelId);
      rows.push({ dossier: d.number, dossierId: d.id, kind: 'label', target: 'label', old: has ? name : null, new: name, write: !has, labelId });
    }
  }
  return { rows, problems };
}
