import { q } from '../util/french.js';
import { normaliseLabel } from '../util/suggest.js';
import type { Question, Questionnaire } from '../edition/types.js';
import { InputError } from '../findings/errors.js';
import type { CsvTable } from './csv-table.js';
import type { Dossier } from './dossier.js';

/**
 * The rows of one repetition block, read from its sheet of the DS workbook saved as CSV: the
 * columns « Dossier ID », « Ligne », then the block's fields (named by their label, or
 * « <bloc> – <champ> » in an export template).
 */
export interface RepetitionSheet {
  file: string;
  questionId: string;
  /** Dossier number → its rows, in the order of « Ligne ». */
  rows: Map<string, Record<string, string>[]>;
}

const DOSSIER_ID = 'dossier id';
const LINE = 'ligne';

/** Whether a header row is that of a repetition sheet (« Dossier ID », « Ligne », …). */
export function isRepetitionHeader(headers: readonly string[]): boolean {
  return headers.length >= 2 && normaliseLabel(headers[0]!) === DOSSIER_ID && normaliseLabel(headers[1]!) === LINE;
}

const childColumn = (headers: readonly string[], label: string): number => {
  const want = normaliseLabel(label);
  return headers.findIndex((h) => {
    const n = normaliseLabel(h);
    return n === want || n.endsWith(` - ${want}`);
  });
};

/**
 * Reads a repetition sheet: finds its block (the one whose fields its columns name, or the stable
 * id in the file name « (4512604) … »), then groups its rows by dossier. Pure.
 */
export function readRepetitionSheet(table: CsvTable, questionnaire: Questionnaire, file: string, fileName = file): RepetitionSheet {
  if (!isRepetitionHeader(table.headers))
    throw new InputError('ce n’est pas la feuille d’un bloc répétable : ses deux premières colonnes doivent être « Dossier ID » et « Ligne »', file, 1);
  const blocks = questionnaire.questions.filter((x) => x.type === 'repetition');
  if (!blocks.length) throw new InputError('le questionnaire de cette édition n’a aucun bloc répétable', file);
  const stable = /\((\d+)\)/.exec(fileName)?.[1];
  const byStable = stable ? blocks.find((b) => String(b.stableId) === stable) : undefined;
  const fits = (b: Question) => (b.children ?? []).every((c) => childColumn(table.headers, c.label) >= 0);
  const fitting = blocks.filter(fits);
  const block = byStable ?? (fitting.length === 1 ? fitting[0] : undefined);
  if (!block) {
    const names = blocks.map((b) => `${q(b.id)} (${(b.children ?? []).map((c) => q(c.label)).join(', ')})`).join(' ; ');
    throw new InputError(
      fitting.length > 1
        ? `plusieurs blocs répétables ont ces colonnes : gardez dans le nom du fichier l’identifiant stable du bloc, par exemple « (${blocks[0]!.stableId ?? 'id'}) … .csv »`
        : `ses colonnes ne sont celles d’aucun bloc répétable du questionnaire : ${names}`,
      file,
      1,
    );
  }
  const columns = (block.children ?? []).map((c) => ({ id: c.id, index: childColumn(table.headers, c.label) }));
  const rows = new Map<string, Record<string, string>[]>();
  for (const r of table.rows) {
    const number = (r.cells[0] ?? '').trim();
    if (!number) continue;
    const row: Record<string, string> = {};
    for (const c of columns) if (c.index >= 0) row[c.id] = (r.cells[c.index] ?? '').trim();
    const list = rows.get(number);
    if (list) list.push(row);
    else rows.set(number, [row]);
  }
  return { file, questionId: block.id, rows };
}

/**
 * Gives a dossier the rows its repetition sheets hold for it (none is an answer too: zero rows),
 * and takes those blocks off the questions its export could not carry.
 */
export function withRepetitions(dossier: Dossier, sheets: readonly RepetitionSheet[]): void {
  if (!sheets.length) return;
  for (const sheet of sheets) dossier.answers[sheet.questionId] = { kind: 'rows', rows: sheet.rows.get(dossier.number) ?? [] };
  const given = new Set(sheets.map((s) => s.questionId));
  if (dossier.unavailable.some((id) => given.has(id))) dossier.unavailable = dossier.unavailable.filter((id) => !given.has(id));
}
