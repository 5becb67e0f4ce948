/**
 * Form drift: an edition's questionnaire checked against the démarche's live form (its active
 * revision). A champ renamed, retyped or added in DS mid-campaign would otherwise silently stop
 * counting. Every finding is located at the questionnaire's line. Pure.
 */
import type { Finding } from '../findings/finding.js';
import type { Choice, QuestionType, Questionnaire } from '../edition/types.js';
import { didYouMean, q } from '../util/french.js';
import { closest, normaliseLabel } from '../util/suggest.js';
import { findingAt, type Path, type YamlSource } from '../util/yaml-source.js';
import type { FormField, LiveForm } from './ds-revision.js';

/** DS's champ types that carry no answer: never listed as unread. */
const LAYOUT = new Set(['HeaderSectionChampDescriptor', 'ExplicationChampDescriptor']);

type Fit = 'ok' | 'warning' | 'error';

/** How well a DS champ type can give an answer of a question type: ok, readable loosely (warning), or not (error). */
export function typeFit(type: QuestionType | 'departement' | 'epci' | 'email' | 'phone', typename: string): Fit {
  const t = typename.replace(/ChampDescriptor$/, '');
  const textual = ['Text', 'Textarea', 'Formatted'].includes(t);
  const table: Record<string, { ok: string[]; loose?: string[] }> = {
    yes_no: { ok: ['YesNo', 'Checkbox'], loose: ['DropDownList'] },
    checkbox: { ok: ['Checkbox', 'YesNo'], loose: ['DropDownList'] },
    single_choice: { ok: ['DropDownList'], loose: ['LinkedDropDownList', 'YesNo'] },
    multiple_choice: { ok: ['MultipleDropDownList'] },
    integer: { ok: ['IntegerNumber', 'Number'], loose: ['DecimalNumber'] },
    decimal: { ok: ['DecimalNumber', 'IntegerNumber', 'Number'] },
    text: {
      ok: ['Text', 'Textarea', 'Formatted', 'Email', 'Phone', 'Address', 'Siret', 'Civilite'],
      loose: ['DropDownList', 'Commune', 'Epci', 'Departement'],
    },
    date: { ok: ['Date', 'Datetime'] },
    commune: { ok: ['Commune'] },
    departement: { ok: ['Departement'], loose: ['DropDownList'] },
    epci: { ok: ['Epci'] },
    email: { ok: ['Email'] },
    phone: { ok: ['Phone'] },
    repetition: { ok: ['Repetition'] },
    file: { ok: ['PieceJustificative', 'TitreIdentite'] },
  };
  const rule = table[type] ?? { ok: [] };
  if (rule.ok.includes(t)) return 'ok';
  if (rule.loose?.includes(t)) return 'warning';
  // A number or a date typed in a free text champ can still be read, with the value rule's checks.
  if (textual && !['repetition', 'file', 'multiple_choice'].includes(type)) return 'warning';
  return 'error';
}

/** DS's type in French, for messages. */
const TYPE_WORDS: Record<string, string> = {
  Text: 'texte court',
  Textarea: 'texte long',
  Formatted: 'texte formaté',
  IntegerNumber: 'nombre entier',
  DecimalNumber: 'nombre décimal',
  Number: 'nombre',
  Checkbox: 'case à cocher',
  YesNo: 'oui/non',
  DropDownList: 'liste déroulante',
  MultipleDropDownList: 'choix multiple',
  LinkedDropDownList: 'listes liées',
  Date: 'date',
  Datetime: 'date et heure',
  Commune: 'commune',
  Departement: 'département',
  Epci: 'EPCI',
  Email: 'adresse électronique',
  Phone: 'téléphone',
  Repetition: 'bloc répétable',
  PieceJustificative: 'pièce justificative',
};
export const dsTypeWord = (typename: string): string => {
  const t = typename.replace(/ChampDescriptor$/, '');
  return TYPE_WORDS[t] ?? t;
};

interface Wanted {
  what: string;
  label: string;
  aliases: string[];
  stableId?: number;
  type?: QuestionType | 'departement' | 'epci' | 'email' | 'phone';
  choices?: Choice[];
  children?: { id: string; label: string; type: QuestionType }[];
  path: Path;
}

/** Finds the DS field of a questionnaire entry: by stable id, else by label or alias. */
function match(w: Wanted, fields: readonly FormField[]): { field?: FormField; by?: 'stable' | 'label' } {
  if (w.stableId !== undefined) {
    const f = fields.find((x) => x.stableId === w.stableId);
    if (f) return { field: f, by: 'stable' };
  }
  const labels = new Set([w.label, ...w.aliases].map(normaliseLabel));
  const f = fields.find((x) => labels.has(normaliseLabel(x.label)));
  return f ? { field: f, by: 'label' } : {};
}

/**
 * The findings of a questionnaire against the live form: every question, identity field and
 * annotation found (by stable_id, else by label, with a suggestion), types compatible (a loose fit
 * is a warning, an impossible one an error), the options of choice questions and of DS's lists
 * the same both ways, and DS's champs that nothing reads.
 */
export function formDrift(questionnaire: Questionnaire, source: YamlSource, form: LiveForm, written: readonly WrittenAnnotation[] = []): Finding[] {
  const findings: Finding[] = [];
  const demarche = `la démarche ${form.demarche.number}`;
  const add = (rule: string, message: string, path: Path, severity: 'error' | 'warning' | 'info' = 'error') =>
    findings.push(findingAt(source, `demarche/${rule}`, message, path, { severity }));

  const wanted = (fields: readonly FormField[], entries: Wanted[], kind: 'champ' | 'annotation') => {
    const used = new Set<FormField>();
    for (const w of entries) {
      const { field, by } = match(w, fields);
      if (!field) {
        const others = fields.filter((f) => !LAYOUT.has(f.typename)).map((f) => f.label);
        const hint = closest(w.label, others);
        add(
          `${kind}-missing`,
          `${w.what} ${q(w.label)} : aucun${kind === 'annotation' ? 'e annotation privée' : ' champ'} de ${demarche} ne lui correspond (${
            w.stableId !== undefined ? `ni le stable_id ${w.stableId}, ni le libellé` : 'aucun libellé, et pas de stable_id'
          }) ; ${kind === 'annotation' ? 'elle ne serait pas lue' : 'ses réponses ne seraient pas lues'}.${didYouMean(hint)}`,
          [...w.path, 'label'],
        );
        continue;
      }
      used.add(field);
      if (by === 'stable' && ![w.label, ...w.aliases].some((l) => normaliseLabel(l) === normaliseLabel(field.label)))
        add(
          'label-changed',
          `${w.what} ${q(w.label)} : ce champ s’appelle maintenant ${q(field.label)} dans ${demarche} ; l’export CSV le nomme ainsi : ajoutez ce libellé à « aliases » (ou remplacez « label »)`,
          [...w.path, 'label'],
          'warning',
        );
      if (by === 'label' && field.stableId !== undefined && w.stableId !== field.stableId)
        add(
          'stable-id',
          w.stableId === undefined
            ? `${w.what} ${q(w.label)} : trouvé par son libellé ; ajoutez « stable_id: ${field.stableId} » pour qu’un changement de libellé dans DS ne le perde pas`
            : `${w.what} ${q(w.label)} : le stable_id ${w.stableId} n’existe plus dans ${demarche}, le champ de même libellé a le stable_id ${field.stableId} : mettez-le à jour`,
          w.stableId === undefined ? [...w.path, 'label'] : [...w.path, 'stable_id'],
          w.stableId === undefined ? 'info' : 'warning',
        );
      if (w.type) {
        const fit = typeFit(w.type, field.typename);
        if (fit !== 'ok')
          add(
            'type',
            `${w.what} ${q(w.label)} est de type « ${w.type} », mais le champ de ${demarche} est un champ ${dsTypeWord(field.typename)} : ${
              fit === 'error'
                ? 'ses réponses ne peuvent pas être lues ainsi'
                : 'ses réponses seront lues avec la règle des valeurs (une saisie libre peut être refusée)'
            }`,
            [...w.path, 'type'],
            fit,
          );
      }
      if (w.choices && field.options) {
        const options = new Set(field.options.map(normaliseLabel));
        const choiceLabels = new Set(w.choices.flatMap((c) => [c.label, ...(c.aliases ?? [])]).map(normaliseLabel));
        w.choices.forEach((c, i) => {
          if (![c.label, ...(c.aliases ?? [])].some((l) => options.has(normaliseLabel(l))))
            add(
              'choice-missing',
              `${w.what} ${q(w.label)}, choix ${q(c.label)} : aucune option de la liste de ${demarche} ne lui correspond ; personne ne peut le choisir.${didYouMean(closest(c.label, field.options!))}`,
              [...w.path, 'choices', i, 'label'],
            );
        });
        for (const o of field.options)
          if (!choiceLabels.has(normaliseLabel(o)))
            add(
              'option-unread',
              `${w.what} ${q(w.label)} : l’option ${q(o)} de ${demarche} n’est aucun des choix du questionnaire ; une réponse qui la choisit serait refusée : ajoutez-la aux choix (ou à leurs « aliases »)`,
              [...w.path, 'choices'],
            );
      }
      if (w.children && field.children) {
        w.children.forEach((child, i) => {
          if (!field.children!.some((f) => normaliseLabel(f.label) === normaliseLabel(child.label)))
            add(
              'child-missing',
              `${w.what} ${q(w.label)}, champ ${q(child.label)} du bloc : absent du bloc répétable de ${demarche}.${didYouMean(
                closest(
                  child.label,
                  field.children!.map((f) => f.label),
                ),
              )}`,
              [...w.path, 'children', i, 'label'],
            );
        });
      }
    }
    for (const f of fields)
      if (!used.has(f) && !LAYOUT.has(f.typename) && !(kind === 'annotation' && isWritten(written, f.label)))
        add(
          `${kind}-unread`,
          `${kind === 'annotation' ? 'l’annotation privée' : 'le champ'} ${q(f.label)} (${dsTypeWord(f.typename)}${f.stableId !== undefined ? `, stable_id ${f.stableId}` : ''}) de ${demarche} n’est ${kind === 'annotation' ? 'lue par aucune annotation' : 'lu par aucune question ni aucun champ d’identité'} du questionnaire`,
          kind === 'annotation' ? ['annotations'] : ['questions'],
          // An annotation tnl does not read may be one it writes (tnl ds annoter): said, not warned.
          kind === 'annotation' ? 'info' : 'warning',
        );
  };

  const identity: Wanted[] = Object.entries(questionnaire.identity).map(([role, f]) => ({
    what: `le champ d’identité ${role}`,
    label: f!.label,
    aliases: f!.aliases,
    ...(f!.stableId !== undefined ? { stableId: f!.stableId } : {}),
    type: f!.type === 'single_choice' ? 'single_choice' : f!.type === 'integer' ? 'integer' : f!.type === 'text' ? 'text' : f!.type,
    ...(f!.choices ? { choices: f!.choices } : {}),
    path: ['identity', role],
  }));
  const questions: Wanted[] = questionnaire.questions.map((x, i) => ({
    what: `la question ${x.id}`,
    label: x.label,
    aliases: x.aliases,
    ...(x.stableId !== undefined ? { stableId: x.stableId } : {}),
    type: x.type,
    ...(x.choices ? { choices: x.choices } : {}),
    ...(x.children ? { children: x.children } : {}),
    path: ['questions', i],
  }));
  wanted(form.champs, [...identity, ...questions], 'champ');
  const annotations: Wanted[] = questionnaire.annotations.map((a, i) => ({
    what: `l’annotation ${a.id}`,
    label: a.label,
    aliases: a.aliases,
    ...(a.stableId !== undefined ? { stableId: a.stableId } : {}),
    path: ['annotations', i],
  }));
  if (annotations.length || written.length) wanted(form.annotations, annotations, 'annotation');
  return findings;
}

/** The annotations `tnl ds annoter` writes (the workspace's `ds.annotations`), by their config key and label. */
export interface WrittenAnnotation {
  key: string;
  label: string;
  /** Where the config names it, for the finding. */
  path: Path;
}

const WRITABLE = new Set([
  'TextChampDescriptor',
  'TextareaChampDescriptor',
  'DecimalNumberChampDescriptor',
  'IntegerNumberChampDescriptor',
  'DropDownListChampDescriptor',
]);

/**
 * The annotations tnl ds annoter will write, checked against the live form when the form is
 * checked (long before the results are written): each must exist, with a type tnl can write.
 */
export function writtenAnnotationsDrift(written: readonly WrittenAnnotation[], source: YamlSource, form: LiveForm): Finding[] {
  const findings: Finding[] = [];
  for (const w of written) {
    const f = form.annotations.find((a) => normaliseLabel(a.label) === normaliseLabel(w.label));
    if (!f)
      findings.push(
        findingAt(
          source,
          'demarche/written-annotation-missing',
          `ds.${w.key} : la démarche ${form.demarche.number} n’a pas d’annotation privée ${q(w.label)} ; tnl ds annoter ne pourrait pas l’écrire.${didYouMean(
            closest(
              w.label,
              form.annotations.map((a) => a.label),
            ),
          )}`,
          w.path,
        ),
      );
    else if (!WRITABLE.has(f.typename))
      findings.push(
        findingAt(
          source,
          'demarche/written-annotation-type',
          `ds.${w.key} : l’annotation ${q(w.label)} de la démarche ${form.demarche.number} est un champ ${dsTypeWord(f.typename)} ; tnl ds annoter écrit du texte, un nombre ou une option de liste déroulante`,
          w.path,
        ),
      );
  }
  return findings;
}

/** Whether an annotation of the form is one tnl writes (not « unread »). */
export const isWritten = (written: readonly WrittenAnnotation[], label: string): boolean =>
  written.some((w) => normaliseLabel(w.label) === normaliseLabel(label));
