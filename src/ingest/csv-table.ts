import { parse } from 'csv-parse/sync';
import { InputError } from '../findings/errors.js';

export interface CsvTable {
  headers: string[];
  /** Records after the header, with the 1-based line where each starts. */
  rows: { line: number; cells: string[] }[];
  delimiter: string;
}

/** The delimiter of the header line: the most frequent of , ; and tab outside quotes. */
export function sniffDelimiter(text: string): string {
  const counts: Record<string, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of text.slice(0, 64 * 1024)) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch in counts) counts[ch]! += 1;
  }
  const [best, count] = Object.entries(counts).sort((a, b) => b[1] - a[1])[0]!;
  return count > 0 ? best : ',';
}

/**
 * The line break that ends the header line (outside quotes): csv-parse is told it rather than
 * discovering it itself, which costs three small allocations per byte of the header line.
 * Undefined when the first 64 kB hold no line end (csv-parse then looks for itself).
 */
export function sniffLineEnd(text: string): '\r\n' | '\n' | '\r' | undefined {
  let quoted = false;
  const end = Math.min(text.length, 64 * 1024);
  for (let i = 0; i < end; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 34) quoted = !quoted;
    else if (!quoted && ch === 10) return '\n';
    else if (!quoted && ch === 13) return i + 1 >= end ? undefined : text.charCodeAt(i + 1) === 10 ? '\r\n' : '\r';
  }
  return undefined;
}

const MAX_RECORD = 16 * 1024 * 1024;

const csvErrors: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'guillemet ouvert jamais refermé',
  CSV_INVALID_CLOSING_QUOTE: 'guillemet fermant suivi d’un caractère inattendu',
  CSV_MAX_RECORD_SIZE: `enregistrement de plus de ${MAX_RECORD / 1024 / 1024} Mo : le fichier est sans doute endommagé`,
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'caractère inattendu après un guillemet fermant',
  INVALID_OPENING_QUOTE: 'guillemet ouvrant au milieu d’une valeur',
  CSV_INVALID_OPENING_QUOTE: 'guillemet ouvrant au milieu d’une valeur',
};

/** Receives the records of a CSV file one by one, as they are parsed. */
export interface CsvSink {
  header(headers: string[]): void;
  row(line: number, cells: string[]): void;
}

/**
 * Parses CSV (UTF-8 bytes, BOM or not, or text; any line ending; quoted fields with line breaks)
 * and hands each record to the sink as soon as it is read: nothing of the file is retained here.
 * Damage → InputError with its line.
 */
export function parseCsv(data: Buffer | string, file: string, sink: CsvSink): { delimiter: string; rows: number } {
  const bytes = typeof data === 'string' ? Buffer.from(data) : data;
  const head = bytes.subarray(0, 64 * 1024).toString('utf8');
  const delimiter = sniffDelimiter(head);
  const lineEnd = sniffLineEnd(head);
  // csv-parse tells the byte offset where each record ends; lines are counted here, as an editor
  // does (its own count takes a \r\n inside quotes for two lines): the line breaks before the record's
  // first byte, skipped empty lines included.
  let offset = 0;
  let lines = 0;
  let rows = -1;
  const countTo = (end: number) => {
    for (let i = bytes.indexOf(10, offset); i >= 0 && i < end; i = bytes.indexOf(10, i + 1)) lines++;
    offset = end;
  };
  try {
    parse(bytes, {
      delimiter,
      ...(lineEnd ? { record_delimiter: lineEnd } : {}),
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      max_record_size: MAX_RECORD,
      on_record: (record: string[], info: { bytes: number }) => {
        let start = offset;
        while (start < info.bytes && (bytes[start] === 10 || bytes[start] === 13)) start++;
        countTo(start);
        const line = lines + 1;
        countTo(info.bytes);
        if (rows++ < 0) {
          const headers = record.map((h) => h.trim());
          if (headers.every((h) => !h)) throw new InputError('ligne d’en-tête vide (un export sans dossier ?)', file, line);
          sink.header(headers);
        } else sink.row(line, record);
        return undefined;
      },
    });
  } catch (e) {
    if (e instanceof InputError) throw e;
    const err = e as { code?: string; lines?: number; message?: string };
    const why = (err.code && csvErrors[err.code]) ?? `CSV illisible (${err.code ?? err.message ?? 'erreur inconnue'})`;
    throw new InputError(`CSV invalide : ${why}`, file, err.lines);
  }
  if (rows < 0) throw new InputError('fichier vide : aucune ligne d’en-tête', file);
  return { delimiter, rows };
}

/** The whole table in memory (small files, tests); large exports go through `parseCsv`. */
export function readCsvTable(data: Buffer | string, file: string): CsvTable {
  let headers: string[] = [];
  const rows: CsvTable['rows'] = [];
  const { delimiter } = parseCsv(data, file, { header: (h) => (headers = h), row: (line, cells) => rows.push({ line, cells }) });
  return { headers, rows, delimiter };
}
