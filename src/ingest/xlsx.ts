import type { Questionnaire } from '../edition/types.js';
import { InputError } from '../findings/errors.js';
import type { Finding } from '../findings/finding.js';
import { matchColumns, wrongExportProblem, type ColumnMatch } from './columns.js';
import type { CsvTable } from './csv-table.js';
import type { Answer, Avis, Dossier } from './dossier.js';
import { dossiersFromTable } from './ds-csv.js';

type Workbook = import('exceljs').Workbook;
type Worksheet = import('exceljs').Worksheet;

/** A cell as the CSV export would write it: DS timestamps, plain numbers, text. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) {
    // DS writes Paris local time without zone in XLSX datetime cells.
    const iso = v.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
  }
  if (typeof v === 'object') {
    const o = v as { richText?: { text: string }[]; text?: string; result?: unknown; hyperlink?: string };
    if (o.richText) return o.richText.map((r) => r.text).join('');
    if (o.text !== undefined) return String(o.text);
    if (o.result !== undefined) return cellText(o.result);
    return '';
  }
  return String(v);
}

function sheetTable(sheet: Worksheet): CsvTable {
  const rows: CsvTable['rows'] = [];
  let headers: string[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, n) => {
    const values = (row.values as unknown[]).slice(1).map(cellText);
    if (n === 1) headers = values.map((h) => h.trim());
    else rows.push({ line: n, cells: values });
  });
  const width = headers.length;
  for (const r of rows) while (r.cells.length < width) r.cells.push('');
  return { headers, rows, delimiter: '' };
}

/**
 * The DS XLSX export: the « Dossiers » sheet reads like the CSV export; each repetition block has
 * its own sheet, found by its `(<stable_id>)` prefix (the name is cut to 30 characters), joined on
 * « Dossier ID ». A block without a sheet had no row in any dossier.
 */
export async function dossiersFromXlsx(
  bytes: Buffer,
  questionnaire: Questionnaire,
  file: string,
): Promise<{ dossiers: Dossier[]; columns: ColumnMatch[]; findings: Finding[] }> {
  const ExcelJS = ((await import('exceljs')) as unknown as { default: typeof import('exceljs') }).default;
  const wb: Workbook = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (e) {
    throw new InputError(`classeur XLSX illisible (${(e as Error).message.split('\n')[0]})`, file);
  }
  const main = wb.getWorksheet('Dossiers') ?? wb.worksheets[0];
  if (!main) throw new InputError('classeur sans feuille', file);
  const table = sheetTable(main);
  const columns = matchColumns(table.headers, questionnaire);
  const wrong = wrongExportProblem(columns, questionnaire);
  if (wrong) throw new InputError(wrong, `${file} (feuille ${main.name})`);
  const read = dossiersFromTable(table, questionnaire, `${file} (feuille ${main.name})`, columns);
  const findings = read.findings.filter((f) => f.rule !== 'ingest/repetition-unavailable');
  const byNumber = new Map(read.dossiers.map((d) => [d.number, d]));
  const available = new Set<string>();
  for (const q of questionnaire.questions.filter((x) => x.type === 'repetition')) {
    if (q.stableId === undefined) {
      findings.push({
        severity: 'warning',
        rule: 'ingest/repetition-unavailable',
        message: `bloc répétable « ${q.id} » sans identifiant stable (stable_id) : sa feuille ne peut être retrouvée`,
        file,
      });
      continue;
    }
    available.add(q.id);
    const sheet = wb.worksheets.find((w) => w.name.startsWith(`(${q.stableId})`));
    const rows = new Map<string, Record<string, string>[]>();
    if (sheet) {
      const t = sheetTable(sheet);
      const idCol = t.headers.findIndex((h) => h === 'Dossier ID');
      const children = (q.children ?? []).map((c) => ({ id: c.id, col: t.headers.findIndex((h) => h === c.label || h.endsWith(`– ${c.label}`)) }));
      for (const r of t.rows) {
        const number = (r.cells[idCol] ?? '').trim();
        if (!byNumber.has(number)) continue;
        const row: Record<string, string> = {};
        for (const c of children) if (c.col >= 0) row[c.id] = r.cells[c.col] ?? '';
        rows.set(number, [...(rows.get(number) ?? []), row]);
      }
    }
    for (const d of read.dossiers) {
      const answer: Answer = { kind: 'rows', rows: rows.get(d.number) ?? [] };
      d.answers[q.id] = answer;
    }
  }
  readAvis(wb, byNumber);
  const stillUnavailable = (read.dossiers[0]?.unavailable ?? []).filter((id) => !available.has(id));
  for (const d of read.dossiers) d.unavailable = stillUnavailable;
  return { dossiers: read.dossiers, columns: read.columns, findings };
}

/**
 * The « Avis » sheet: the expert opinions requested on DS (Dossier ID, Introduction, Réponse,
 * Question, Réponse oui/non, Créé le, Répondu le, Instructeur, Expert), attached to their dossiers.
 * An opinion requested but not given yet has no answer; it is kept (the jury sees it is pending).
 */
function readAvis(wb: Workbook, byNumber: Map<string, Dossier>): void {
  const sheet = wb.getWorksheet('Avis');
  if (!sheet) return;
  const t = sheetTable(sheet);
  const col = (name: string) => t.headers.findIndex((h) => h === name);
  const [id, intro, answer, question, yesNo, answeredAt, instructeur, expert] = [
    'Dossier ID',
    'Introduction',
    'Réponse',
    'Question',
    'Réponse oui/non',
    'Répondu le',
    'Instructeur',
    'Expert',
  ].map(col);
  if (id === undefined || id < 0) return;
  const text = (cells: string[], i: number | undefined) => (i === undefined || i < 0 ? '' : (cells[i] ?? '').trim());
  for (const r of t.rows) {
    const d = byNumber.get(text(r.cells, id));
    if (!d) continue;
    const avis: Avis = {};
    const q = text(r.cells, question) || text(r.cells, intro);
    if (q) avis.question = q;
    if (text(r.cells, answer)) avis.answer = text(r.cells, answer);
    const yn = text(r.cells, yesNo).toLowerCase();
    if (yn === 'true' || yn === 'oui') avis.yesNo = 'oui';
    else if (yn === 'false' || yn === 'non') avis.yesNo = 'non';
    if (text(r.cells, expert)) avis.expert = text(r.cells, expert);
    if (text(r.cells, instructeur)) avis.askedBy = text(r.cells, instructeur);
    if (text(r.cells, answeredAt)) avis.answeredAt = text(r.cells, answeredAt).slice(0, 10);
    (d.avis ??= []).push(avis);
  }
}
