import { didYouMean, plural, q } from '../util/french.js';
import { closest, normaliseLabel } from '../util/suggest.js';
import type { Choice, Question } from '../edition/types.js';
import type { Answer } from './dossier.js';

/** The result of reading one cell: an answer, nothing (unanswered), or a problem. */
export type CellResult = { answer?: Answer; problem?: { severity: 'error' | 'warning'; message: string } };

const TRUE = new Set(['oui', 'o', 'yes', 'true', 'vrai', 'on', 'x', '1', 'coche', 'cochee']);
const FALSE = new Set(['non', 'n', 'no', 'false', 'faux', 'off', '0']);

/** Oui/Non, on/off, true/false, x, 1/0. */
export function parseBoolean(raw: string): boolean | undefined {
  if (raw === 'Oui' || raw === 'on' || raw === 'true') return true;
  if (raw === 'Non' || raw === 'off' || raw === 'false') return false;
  const n = normaliseLabel(raw);
  if (TRUE.has(n)) return true;
  if (FALSE.has(n)) return false;
  return undefined;
}

/**
 * A French number as a person or a spreadsheet writes it: `1250`, `1250.0`, `12,5`, `-3`, `1 250`
 * (with a space, a no-break or a narrow no-break space), `1.250,5`. An approximation (« env. 8 »,
 * « ~8 »), a range, or words are not a number: undefined. A unit after the number is taken off by
 * the caller, who knows which unit the field has.
 */
export function parseFrenchNumber(raw: string): number | undefined {
  if (/^\d{1,15}$/.test(raw)) return Number(raw);
  const s = raw.trim().replace(/[\u00a0\u202f\u2007 ]/g, '');
  if (/^[+-]?\d+$/.test(s)) return Number(s);
  if (/^[+-]?\d+[.,]\d+$/.test(s)) return Number(s.replace(',', '.'));
  // Thousands with dots or commas and a decimal part of the other kind: 1.250,5 / 1,250.5
  if (/^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$/.test(s)) return Number(s.replace(/\./g, '').replace(',', '.'));
  if (/^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) return Number(s.replace(/,/g, ''));
  return undefined;
}

/** The text without a unit written after the number (« 12 % », « 3 500 habitants »), when it is that unit. */
export function withoutUnit(raw: string, units: readonly string[]): string {
  const text = raw.trim();
  for (const unit of units) {
    const at = text.toLowerCase().lastIndexOf(unit.toLowerCase());
    if (at > 0 && at + unit.length === text.length) return text.slice(0, at).trim();
  }
  return text;
}

/** A number followed by a word or a sign that is not the question's unit: « 12,5 % », « 3 agents ». */
export function foreignUnit(text: string): string | undefined {
  const m = /^([+-]?\d[\d\s\u00a0\u202f.,]*?)\s*([^\d\s.,+-][^\d]{0,23})$/.exec(text.trim());
  if (!m || parseFrenchNumber(m[1]!) === undefined) return undefined;
  const unit = m[2]!.trim();
  return unit && !/^(env|environ|ca|près|plus|moins)\b/i.test(unit) ? unit : undefined;
}

/**
 * The value rule for number questions, the same for every export format:
 * - a number written plainly (see parseFrenchNumber), with the question's unit after it if it has
 *   one, is read;
 * - a number with another unit (« 12,5 % » where the question has none) is an error that says
 *   which unit the question has and, to staff, the line that gives it this one (`unit: "%"`);
 *   the simulator's applicant is told to type the number alone;
 * - anything else (« env. 8 % », « 8 à 10 », « huit ») is an error: the answer counts as missing;
 * - a number outside the question's range (0 by default; 0–100 for a percentage) is an error too;
 * - a decimal in an integer question is read with a warning.
 */
export function numberAnswer(question: Question, text: string, value: number | undefined, audience: 'staff' | 'applicant' = 'staff'): CellResult {
  const unit = question.unit;
  if (value === undefined || !Number.isFinite(value)) {
    const approx = /^(env\.?|environ|ca\.?|~|≈|près de|plus de|moins de)\s*/i.test(text) || /\d\s*(à|-)\s*\d/.test(text);
    const other = approx ? undefined : foreignUnit(text);
    if (other !== undefined) {
      const theirs = unit ? `qui est en ${unit}` : 'qui n’en a pas';
      const hint =
        audience === 'applicant'
          ? `saisissez le nombre seul${unit ? ` (en ${unit})` : ''}`
          : unit
            ? `saisissez le nombre en ${unit}, ou corrigez la ligne « unit: ${JSON.stringify(unit)} » de la question ${question.id} dans le questionnaire`
            : `si ses réponses sont en ${other}, ajoutez la ligne « unit: ${JSON.stringify(other)} » à la question ${question.id} dans le questionnaire`;
      return {
        problem: {
          severity: 'error',
          message: `${q(text)} : l’unité ${q(other)} n’est pas celle de la question (${theirs}) ; ${hint} ; la réponse compte comme manquante`,
        },
      };
    }
    return {
      problem: {
        severity: 'error',
        message: approx
          ? `${q(text)} n’est pas un nombre exact : saisissez un seul nombre${unit ? ` (en ${unit})` : ''} ; la réponse compte comme manquante`
          : `${q(text)} n’est pas un nombre${unit ? ` (en ${unit})` : ''} ; la réponse compte comme manquante`,
      },
    };
  }
  const min = question.min ?? 0;
  const max = question.max ?? (unit === '%' ? 100 : undefined);
  if (value < min || (max !== undefined && value > max)) {
    const range = max === undefined ? `au moins ${min}` : `de ${min} à ${max}`;
    return {
      problem: { severity: 'error', message: `${q(text)} hors des valeurs permises (${range}${unit ? ` ${unit}` : ''}) ; la réponse compte comme manquante` },
    };
  }
  if (question.type === 'integer' && !Number.isInteger(value))
    return { answer: { kind: 'number', value }, problem: { severity: 'warning', message: `${q(text)} n’est pas un nombre entier` } };
  return { answer: { kind: 'number', value } };
}

/** The file names of a pièce justificative, as the CSV export joins them (« a.pdf, b.pdf »). */
export function fileNames(raw: string): string[] {
  return raw
    .split(/,\s(?=[^,]*\.[A-Za-z0-9]{1,8}(?:,|$))|\n/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** ISO date, or the dd/mm/yyyy a spreadsheet writes back. */
export function parseDate(raw: string): string | undefined {
  const s = raw.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$/.exec(s);
  if (iso) return validDate(iso[1]!, iso[2]!, iso[3]!);
  const fr = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
  if (fr) return validDate(fr[3]!, fr[2]!.padStart(2, '0'), fr[1]!.padStart(2, '0'));
  return undefined;
}

function validDate(y: string, m: string, d: string): string | undefined {
  const date = new Date(`${y}-${m}-${d}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.getUTCDate() !== Number(d) ? undefined : `${y}-${m}-${d}`;
}

interface ChoiceIndex {
  /** Exact text → choice, then normalised text → choice. */
  exact: Map<string, Choice>;
  normalised: Map<string, Choice>;
  /** Normalised labels and aliases, longest first, for greedy splitting. */
  keys: { id: string; key: string }[];
  /** Whether an option label itself contains ", " (then only greedy matching is safe). */
  commaInLabel: boolean;
}
const choiceIndexes = new WeakMap<object, ChoiceIndex>();

/** Lookup tables of a question's options, built once per question. */
function choiceIndex(question: Pick<Question, 'choices'>): ChoiceIndex {
  let index = choiceIndexes.get(question);
  if (!index) {
    const exact = new Map<string, Choice>();
    const normalised = new Map<string, Choice>();
    const keys: { id: string; key: string }[] = [];
    for (const c of question.choices ?? []) {
      for (const text of [c.label, ...(c.aliases ?? [])]) {
        if (!exact.has(text)) exact.set(text, c);
        const key = normaliseLabel(text);
        if (!normalised.has(key)) normalised.set(key, c);
        keys.push({ id: c.id, key });
      }
      const id = normaliseLabel(c.id);
      if (!normalised.has(id)) normalised.set(id, c);
    }
    keys.sort((a, b) => b.key.length - a.key.length);
    index = { exact, normalised, keys, commaInLabel: [...exact.keys()].some((k) => k.includes(', ')) };
    choiceIndexes.set(question, index);
  }
  return index;
}

/** The choice whose label, id or alias matches the text. */
export function findChoice(question: Pick<Question, 'choices'>, raw: string): Choice | undefined {
  const index = choiceIndex(question);
  return index.exact.get(raw) ?? index.normalised.get(normaliseLabel(raw));
}

/**
 * The message for answers that are none of a question's options, whatever the export they come
 * from (CSV, JSON, XLSX): the answers, the question, and the closest option when one is close.
 */
export function outsideOptions(question: Pick<Question, 'id' | 'choices'>, unknown: readonly string[], single = false): string {
  const labels = (question.choices ?? []).map((c) => c.label);
  const what = single ? 'réponse' : plural(unknown.length, 'option');
  return `${what} ${unknown.map(q).join(', ')} hors des options de la question ${q(question.id)}.${didYouMean(closest(unknown[0]!, labels))}`;
}

function unknownChoice(question: Question, raw: string): CellResult {
  return { problem: { severity: 'error', message: outsideOptions(question, [raw], true) } };
}

/**
 * Splits DS's `A, B, C` by greedy matching against the known options, longest first, since an
 * option may itself contain `, ` (« Suite collaborative (Collabora, OnlyOffice) »).
 */
export function splitMultiple(question: Question, raw: string): { ids: string[]; unknown: string[] } {
  const index = choiceIndex(question);
  // Fast path: every piece of DS's `A, B, C` is an exact option label.
  const pieces = raw.split(', ');
  if (!index.commaInLabel && pieces.every((p) => index.exact.has(p))) {
    const found = new Set(pieces.map((p) => index.exact.get(p)!.id));
    return { ids: (question.choices ?? []).map((c) => c.id).filter((id) => found.has(id)), unknown: [] };
  }
  const options = index.keys;
  let rest = normaliseLabel(raw);
  const original = raw.split(/\s*[,;\n]\s*/);
  const ids: string[] = [];
  const unknown: string[] = [];
  while (rest.length) {
    const hit = options.find((o) => rest === o.key || rest.startsWith(`${o.key},`) || rest.startsWith(`${o.key};`) || rest.startsWith(`${o.key}\n`));
    if (hit) {
      if (!ids.includes(hit.id)) ids.push(hit.id);
      rest = rest.slice(hit.key.length).replace(/^[,;\n]\s*/, '');
    } else {
      const cut = rest.search(/[,;\n]/);
      const piece = cut < 0 ? rest : rest.slice(0, cut);
      const byId = question.choices?.find((c) => normaliseLabel(c.id) === piece.trim());
      if (byId) {
        if (!ids.includes(byId.id)) ids.push(byId.id);
      } else if (piece.trim()) {
        unknown.push(original.find((o) => normaliseLabel(o) === piece.trim()) ?? piece.trim());
      }
      rest = cut < 0 ? '' : rest.slice(cut + 1).trimStart();
    }
  }
  const order = (question.choices ?? []).map((c) => c.id);
  ids.sort((a, b) => order.indexOf(a) - order.indexOf(b));
  return { ids, unknown };
}

/** Oui and non, shared by every dossier (answers are never modified). */
const YES: CellResult = Object.freeze({ answer: Object.freeze({ kind: 'bool', value: true }) });
const NO: CellResult = Object.freeze({ answer: Object.freeze({ kind: 'bool', value: false }) });

/** Reads a tabular cell for a question. An empty cell is "no answer". */
export function readCell(question: Question, raw: string): CellResult {
  const text = raw.trim();
  if (!text) return {};
  switch (question.type) {
    case 'yes_no':
    case 'checkbox': {
      const b = parseBoolean(text);
      if (b === undefined)
        return { problem: { severity: 'error', message: `réponse ${q(text)} illisible pour une question oui/non (attendu : Oui, Non, on, off, x)` } };
      return b ? YES : NO;
    }
    case 'single_choice': {
      // A linked drop-down exports `primary;secondary` (CSV) or `primary / secondary` (API).
      const c =
        findChoice(question, text) ??
        text
          .split(/;| \/ /)
          .map((part) => findChoice(question, part))
          .find((x) => x !== undefined);
      return c ? { answer: { kind: 'choice', id: c.id } } : unknownChoice(question, text);
    }
    case 'multiple_choice': {
      const { ids, unknown } = splitMultiple(question, text);
      if (unknown.length) return { answer: { kind: 'choices', ids }, problem: { severity: 'error', message: outsideOptions(question, unknown) } };
      return { answer: { kind: 'choices', ids } };
    }
    case 'integer':
    case 'decimal':
      return numberAnswer(question, text, parseFrenchNumber(question.unit ? withoutUnit(text, [question.unit]) : text));
    case 'date': {
      const d = parseDate(text);
      return d
        ? { answer: { kind: 'date', value: d } }
        : { problem: { severity: 'warning', message: `date ${q(text)} illisible (attendu : AAAA-MM-JJ ou JJ/MM/AAAA)` } };
    }
    case 'commune':
      return { answer: { kind: 'commune', name: text.replace(/\s*\(\d{5}\)$/, '') } };
    case 'text':
      return { answer: { kind: 'text', value: raw.replace(/\r\n/g, '\n').trim() } };
    case 'repetition':
      return {};
    case 'file':
      return { answer: { kind: 'files', names: fileNames(raw) } };
  }
}
