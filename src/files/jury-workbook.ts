import { InputError } from '../findings/errors.js';
import { readCsvTable } from '../ingest/csv-table.js';
import { decodeText, isZip } from '../ingest/decode.js';
import { cellText } from '../ingest/xlsx.js';
import { zipBoundsProblem } from '../ingest/zip-bounds.js';
import { EDITION_LABEL, EDITION_ROW, GRADE_COLUMN, HEADER_ROW, JUROR_LABEL, JUROR_ROW, SHEET_HEADER, SHEET_NAME, type SheetTable } from '../jury/grades.js';
import type { SheetView } from '../jury/sheets.js';
import { displayPath } from './edition-files.js';
import { readInput } from './read-input.js';

type ExcelJs = typeof import('exceljs');
const excel = async (): Promise<ExcelJs> => ((await import('exceljs')) as unknown as { default: ExcelJs }).default;

/**
 * One juror's grading workbook: the « Notes » sheet (a line per dossier and criterion, the grade
 * cells restricted to the scale by data validation, what to read and the link beside them) and the
 * « Critères » sheet (each criterion's guidance).
 */
export async function gradingWorkbook(view: SheetView): Promise<Buffer> {
  const ExcelJS = await excel();
  const wb = new ExcelJS.Workbook();
  wb.creator = 'tnl';
  // Fixed dates: the same sheet for the same assignment.
  wb.created = new Date(Date.UTC(view.year, 0, 1));
  wb.modified = wb.created;
  const ws = wb.addWorksheet(SHEET_NAME, { views: [{ state: 'frozen', ySplit: HEADER_ROW }] });
  ws.getCell(JUROR_ROW, 1).value = JUROR_LABEL;
  ws.getCell(JUROR_ROW, 2).value = view.juror.id;
  ws.getCell(JUROR_ROW, 3).value = view.juror.name;
  ws.getCell(EDITION_ROW, 1).value = EDITION_LABEL;
  ws.getCell(EDITION_ROW, 2).value = String(view.year);
  ws.getCell(EDITION_ROW + 1, 1).value =
    `Notez chaque critère de ${view.scale.min} à ${view.scale.max} dans la colonne « Note » (voir la feuille « Critères »), sans modifier les autres colonnes.`;
  SHEET_HEADER.forEach((h, i) => {
    const c = ws.getCell(HEADER_ROW, i + 1);
    c.value = h;
    c.font = { bold: true };
  });
  view.rows.forEach((r, i) => {
    const row = HEADER_ROW + 1 + i;
    ws.getCell(row, 1).value = r.dossier;
    ws.getCell(row, 2).value = r.name;
    ws.getCell(row, 3).value = r.criterion;
    ws.getCell(row, 4).value = r.label;
    const grade = ws.getCell(row, GRADE_COLUMN);
    grade.dataValidation = {
      type: 'whole',
      operator: 'between',
      allowBlank: true,
      formulae: [view.scale.min, view.scale.max],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: 'Note hors de l’échelle',
      error: `Une note entière de ${view.scale.min} à ${view.scale.max}.`,
      showInputMessage: true,
      promptTitle: 'Note',
      prompt: `De ${view.scale.min} à ${view.scale.max}.`,
    };
    grade.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF7D6' } };
    ws.getCell(row, 7).value = r.toRead;
    ws.getCell(row, 7).alignment = { wrapText: true, vertical: 'top' };
    if (r.link) ws.getCell(row, 8).value = { text: r.link, hyperlink: r.link };
  });
  [10, 32, 24, 32, 8, 32, 60, 40].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  const guide = wb.addWorksheet('Critères');
  guide.addRow(['Critère', 'Libellé', 'Points', 'Comment noter']).font = { bold: true };
  for (const c of view.criteria) guide.addRow([c.id, c.label, c.points, c.guidance]);
  [24, 32, 8, 80].forEach((w, i) => (guide.getColumn(i + 1).width = w));
  guide.getColumn(4).alignment = { wrapText: true, vertical: 'top' };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A filled grading sheet: the workbook's « Notes » sheet, or a CSV saved from it. */
export async function readGradingSheet(path: string): Promise<SheetTable> {
  const file = displayPath(path);
  const bytes = readInput(path);
  if (isZip(bytes)) {
    const refused = zipBoundsProblem(bytes);
    if (refused) throw new InputError(refused, file);
    const ExcelJS = await excel();
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    } catch (e) {
      throw new InputError(`classeur XLSX illisible (${(e as Error).message.split('\n')[0]})`, file);
    }
    const ws = wb.getWorksheet(SHEET_NAME);
    if (!ws) throw new InputError(`pas de feuille « ${SHEET_NAME} » : ce n’est pas une grille écrite par « tnl jury sheets »`, file);
    const rows = new Map<number, string[]>();
    ws.eachRow({ includeEmpty: false }, (row, n) => rows.set(n, (row.values as unknown[]).slice(1).map(cellText)));
    return { file, sheet: SHEET_NAME, rows };
  }
  const table = readCsvTable(Buffer.from(decodeText(bytes).text), file);
  const rows = new Map<number, string[]>([[1, table.headers], ...table.rows.map((r) => [r.line, r.cells] as [number, string[]])]);
  return { file, rows };
}
