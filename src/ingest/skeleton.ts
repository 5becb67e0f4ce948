/**
 * The questionnaire of a new edition from the démarche's live form (`tnl init --edition Y
 * --demarche N`): the previous edition's questionnaire (volets, identity, ids, aliases, help,
 * bounds) brought up to the form. Each champ of the form is one question, in the form's order:
 * a champ the previous edition read (same stable id, else same label) keeps its question's id,
 * volet and settings, with the form's label, type, options and stable id (a renamed champ keeps its
 * old label as an alias, so that older exports still read); a new champ becomes a new question,
 * its id made from its label, in the volet of the question before it, marked « nouveau » for staff
 * to check. Pure: the YAML document of the copied questionnaire is changed in place.
 */
import { isMap, isSeq, type Document, type YAMLMap } from 'yaml';
import type { Choice, Question, QuestionType, Questionnaire } from '../edition/types.js';
import { normaliseLabel } from '../util/suggest.js';
import type { FormField, LiveForm } from './ds-revision.js';

const LAYOUT = new Set(['HeaderSectionChampDescriptor', 'ExplicationChampDescriptor']);

/** The question type that reads a DS champ type. */
export function questionTypeOf(typename: string): QuestionType {
  const t = typename.replace(/ChampDescriptor$/, '');
  const map: Record<string, QuestionType> = {
    YesNo: 'yes_no',
    Checkbox: 'checkbox',
    DropDownList: 'single_choice',
    LinkedDropDownList: 'single_choice',
    MultipleDropDownList: 'multiple_choice',
    IntegerNumber: 'integer',
    DecimalNumber: 'decimal',
    Number: 'decimal',
    Date: 'date',
    Datetime: 'date',
    Commune: 'commune',
    Repetition: 'repetition',
    PieceJustificative: 'file',
  };
  return map[t] ?? 'text';
}

const STOP = new Set(
  'a au aux avec avez ce ces cette chez combien d dans de des du elle en entre est et etes il l la le les leur leurs ont ou par pour quel quelle quelles quels qui que sa ses son sont sous sur tous toutes un une vos votre vous y'.split(
    ' ',
  ),
);

/** An identifier from a label: « Combien de serveurs sous GNU/Linux ? » → « serveurs_gnu_linux ». */
export function slug(label: string, words = 3): string {
  const parts = label
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w && !STOP.has(w));
  return parts.slice(0, words).join('_') || 'champ';
}

const unique = (base: string, taken: Set<string>): string => {
  let id = base;
  for (let i = 2; taken.has(id); i++) id = `${base}_${i}`;
  taken.add(id);
  return id;
};

interface Built {
  node: Record<string, unknown>;
  fresh: boolean;
}

/** The questions of the new edition, from the form, as plain YAML-ready objects. */
function questionsFrom(previous: Questionnaire, fields: readonly FormField[], identityFields: Set<FormField>): Built[] {
  const byStable = new Map(previous.questions.filter((x) => x.stableId !== undefined).map((x) => [x.stableId!, x]));
  const byLabel = new Map(previous.questions.flatMap((x) => [x.label, ...x.aliases].map((l) => [normaliseLabel(l), x] as const)));
  const taken = new Set<string>();
  const built: Built[] = [];
  let volet = previous.volets[0]?.id ?? 'strategie';
  const voletOfHeader = (label: string) =>
    previous.volets.find((v) => normaliseLabel(v.title) === normaliseLabel(label) || normaliseLabel(v.short) === normaliseLabel(label))?.id;
  for (const f of fields) {
    if (f.typename === 'HeaderSectionChampDescriptor') {
      volet = voletOfHeader(f.label) ?? volet;
      continue;
    }
    if (LAYOUT.has(f.typename) || identityFields.has(f)) continue;
    const before: Question | undefined = (f.stableId !== undefined ? byStable.get(f.stableId) : undefined) ?? byLabel.get(normaliseLabel(f.label));
    if (before) volet = before.volet;
    const type = questionTypeOf(f.typename);
    const id = unique(before?.id ?? `${volet}.${slug(f.label)}`, taken);
    const aliases = [...(before?.aliases ?? [])];
    if (before && normaliseLabel(before.label) !== normaliseLabel(f.label) && !aliases.some((a) => normaliseLabel(a) === normaliseLabel(before.label)))
      aliases.push(before.label);
    const node: Record<string, unknown> = { id, volet, label: f.label, type };
    if (aliases.length) node.aliases = aliases;
    if (f.stableId !== undefined) node.stable_id = f.stableId;
    if (f.required) node.required = true;
    const help = before?.help ?? f.description;
    if (help) node.help = help;
    if (type === 'integer' || type === 'decimal') {
      if (before?.min !== undefined) node.min = before.min;
      if (before?.max !== undefined) node.max = before.max;
      if (before?.unit !== undefined) node.unit = before.unit;
    }
    if ((type === 'single_choice' || type === 'multiple_choice') && f.options?.length) node.choices = choicesOf(f.options, before?.choices ?? []);
    if (type === 'repetition' && f.children?.length) {
      const childIds = new Set<string>();
      node.children = f.children.map((c) => ({ id: unique(slug(c.label), childIds), label: c.label, type: questionTypeOf(c.typename) }));
    }
    built.push({ node, fresh: !before });
  }
  return built;
}

/** The choices of a list: a previous choice keeps its id when its label (or an alias) is the option. */
function choicesOf(options: readonly string[], previous: readonly Choice[]): { id: string; label: string; aliases?: string[] }[] {
  const taken = new Set<string>();
  return options.map((o) => {
    const before = previous.find((c) => [c.label, ...(c.aliases ?? [])].some((l) => normaliseLabel(l) === normaliseLabel(o)));
    const id = unique(before?.id ?? slug(o, 2), taken);
    return { id, label: o, ...(before?.aliases?.length ? { aliases: before.aliases } : {}) };
  });
}

/** What the skeleton did, for the command to say. */
export interface SkeletonReport {
  kept: number;
  fresh: string[];
  gone: string[];
  identityMissing: string[];
}

/**
 * Brings the copied questionnaire's document up to the live form: démarche, title, identity fields'
 * labels and stable ids, the questions (see the module's comment), annotations matched.
 */
export function skeletonFromLiveForm(doc: Document, previous: Questionnaire, form: LiveForm, instance: string): SkeletonReport {
  doc.set('demarche', doc.createNode({ instance, number: form.demarche.number }));
  if (form.demarche.title) doc.set('title', form.demarche.title);
  const champs = form.champs;
  const find = (label: string, aliases: readonly string[], stableId?: number) =>
    (stableId !== undefined ? champs.find((c) => c.stableId === stableId) : undefined) ??
    champs.find((c) => [label, ...aliases].some((l) => normaliseLabel(l) === normaliseLabel(c.label)));
  const identityFields = new Set<FormField>();
  const identityMissing: string[] = [];
  const identity = doc.get('identity', true) as YAMLMap | undefined;
  for (const [role, f] of Object.entries(previous.identity)) {
    const c = find(f!.label, f!.aliases, f!.stableId);
    if (!c) {
      identityMissing.push(role);
      continue;
    }
    identityFields.add(c);
    const node = identity?.get(role, true);
    if (isMap(node)) {
      if (normaliseLabel(c.label) !== normaliseLabel(f!.label)) {
        node.set('label', c.label);
        node.set('aliases', doc.createNode([...f!.aliases, f!.label]));
      }
      if (c.stableId !== undefined) node.set('stable_id', c.stableId);
    }
  }
  const built = questionsFrom(previous, champs, identityFields);
  const seq = doc.createNode(built.map((b) => b.node));
  if (isSeq(seq))
    seq.items.forEach((item, i) => {
      if (built[i]!.fresh)
        item.commentBefore = ' NOUVEAU dans le formulaire : vérifiez son volet et son identifiant, puis donnez-lui des points dans le barème';
    });
  doc.set('questions', seq);
  const keptIds = new Set(built.filter((b) => !b.fresh).map((b) => b.node.id));
  // Annotations the form still has are kept; those it no longer has go.
  const annotations = doc.get('annotations', true);
  if (isSeq(annotations))
    annotations.items = annotations.items.filter((_, i) => {
      const a = previous.annotations[i];
      return (
        !a ||
        form.annotations.some(
          (x) => (a.stableId !== undefined && x.stableId === a.stableId) || [a.label, ...a.aliases].some((l) => normaliseLabel(l) === normaliseLabel(x.label)),
        )
      );
    });
  return {
    kept: keptIds.size,
    fresh: built.filter((b) => b.fresh).map((b) => String(b.node.id)),
    gone: previous.questions.filter((x) => !keptIds.has(x.id)).map((x) => x.id),
    identityMissing,
  };
}

/**
 * The copied rubric without what it gave to questions the form no longer has: their points
 * (`questions`), the level conditions on them (`requires`), their place among the questions a
 * jury criterion reads (`reads`). Returns what was taken out, for the command to say and the file
 * to record. Pure: the YAML document is changed in place.
 */
export function pruneRubric(doc: Document, gone: ReadonlySet<string>): string[] {
  const removed: string[] = [];
  const questions = doc.get('questions', true);
  if (isMap(questions))
    for (const id of gone)
      if (questions.has(id)) {
        questions.delete(id);
        removed.push(`les points de ${id}`);
      }
  const levels = doc.get('levels', true);
  if (isSeq(levels))
    for (const level of levels.items) {
      if (!isMap(level)) continue;
      const requires = level.get('requires', true);
      if (!isSeq(requires)) continue;
      const before = requires.items.length;
      requires.items = requires.items.filter((r) => !(isMap(r) && gone.has(String(r.get('question')))));
      if (requires.items.length < before) removed.push(`${before - requires.items.length} condition(s) du niveau ${String(level.get('id'))}`);
      if (!requires.items.length) level.delete('requires');
    }
  const criteria = (doc.getIn(['jury', 'criteria'], true) ?? undefined) as unknown;
  if (isSeq(criteria))
    for (const c of criteria.items) {
      if (!isMap(c)) continue;
      const reads = c.get('reads', true);
      if (!isSeq(reads)) continue;
      const before = reads.items.length;
      reads.items = reads.items.filter((r) => !gone.has(String((r as { value?: unknown }).value ?? r)));
      if (reads.items.length < before) removed.push(`${before - reads.items.length} question(s) lue(s) par le critère ${String(c.get('id'))}`);
    }
  return removed;
}
