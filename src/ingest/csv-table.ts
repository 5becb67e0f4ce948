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
  return Object.entries(counts).sort((a, b) => b[1] - a[1])[0]![1] > 0 ? Object.entries(counts).sort((a, b) => b[1] - a[1])[0]![0] : ',';
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

/** Parses CSV text (any line ending, quoted fields with line breaks). Damage → InputError with its line. */
export function readCsvTable(text: string, file: string): CsvTable {
  const delimiter = sniffDelimiter(text);
  let records: { record: string[]; raw: string }[];
  try {
    records = parse(text, {
      delimiter,
      bom: true,
      raw: true,
      relax_column_count: true,
      skip_empty_lines: true,
      max_record_size: MAX_RECORD,
    }) as unknown as { record: string[]; raw: string }[];
  } catch (e) {
    const err = e as { code?: string; lines?: number; message?: string };
    const why = (err.code && csvErrors[err.code]) ?? `CSV illisible (${err.code ?? err.message ?? 'erreur inconnue'})`;
    throw new InputError(`CSV invalide : ${why}`, file, err.lines);
  }
  if (!records.length) throw new InputError('fichier vide : aucune ligne d’en-tête', file);
  const [head, ...body] = records;
  const headers = head!.record.map((h) => h.trim());
  if (headers.every((h) => !h)) throw new InputError('ligne d’en-tête vide (un export sans dossier ?)', file, 1);
  // Line numbers from the raw text: embedded line breaks and skipped empty lines count.
  const newlines = (s: string) => s.split('\n').length - 1;
  let consumed = newlines(head!.raw);
  const rows = body.map(({ record, raw }) => {
    const line = consumed + 1 + newlines(/^[\r\n]*/.exec(raw)![0]);
    consumed += newlines(raw);
    return { line, cells: record };
  });
  return { headers, rows, delimiter };
}
