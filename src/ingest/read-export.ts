import type { Questionnaire } from '../edition/types.js';
import { InputError } from '../findings/errors.js';
import type { Finding } from '../findings/finding.js';
import { displayPath } from '../edition/load.js';
import { readInput, sha256 } from '../util/read-input.js';
import type { ColumnMatch } from './columns.js';
import { parseCsv } from './csv-table.js';
import { decodeAs, detectEncoding, firstUtf8Char, looksBinary, type Encoding } from './decode.js';
import { SCORED_STATES, type Dossier, type DossierState } from './dossier.js';
import { tableReader, type TableReader } from './ds-csv.js';
import { dossierNodes, dossiersFromJson, parseJsonText } from './ds-json.js';

export interface ExportRead {
  file: string;
  sha256: string;
  format: 'csv' | 'json' | 'xlsx';
  encoding: Encoding;
  delimiter?: string;
  columns: ColumnMatch[];
  /** Every dossier read, whatever its state. */
  all: Dossier[];
  /** The dossiers kept for scoring (by state). */
  dossiers: Dossier[];
  /** Dossiers left aside, counted per state. */
  skipped: Partial<Record<DossierState | 'inconnu', number>>;
  findings: Finding[];
}

const isZip = (b: Buffer) => b.length > 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

/** Reads any export, the DS XLSX workbook included (which needs an asynchronous reader). */
export async function readExportAsync(path: string, questionnaire: Questionnaire, states: readonly DossierState[] = SCORED_STATES): Promise<ExportRead> {
  const bytes = readInput(path);
  if (!isZip(bytes)) return readExport(path, questionnaire, states);
  const file = displayPath(path);
  if (bytes.includes('mimetypeapplication/vnd.oasis.opendocument')) throw new InputError('classeur ODS : enregistrez-le au format XLSX ou CSV, ou utilisez l’export CSV de démarches simplifiées', file);
  const { dossiersFromXlsx } = await import('./xlsx.js');
  const read = await dossiersFromXlsx(bytes, questionnaire, file);
  return finish(file, bytes, 'xlsx', 'utf-8', undefined, read, states);
}

/** Reads an export file (DS CSV, template CSV, hand-made CSV, GraphQL JSON). Unreadable → InputError. */
export function readExport(path: string, questionnaire: Questionnaire, states: readonly DossierState[] = SCORED_STATES): ExportRead {
  const file = displayPath(path);
  const bytes = readInput(path);
  if (!bytes.length) throw new InputError('fichier vide', file);
  if (isZip(bytes)) throw new InputError('classeur (XLSX ou ODS) : cette commande lit le CSV ou le JSON de démarches simplifiées', file);
  if (looksBinary(bytes))
    throw new InputError('fichier binaire : un export CSV ou JSON est attendu (un classeur XLSX ou ODS s’enregistre d’abord en CSV)', file);
  // A UTF-8 CSV goes to the parser as bytes: decoding it to text first would cost a copy.
  const encoding = detectEncoding(bytes);
  const utf8 = encoding === 'utf-8' || encoding === 'utf-8-bom';
  const text = utf8 ? undefined : decodeAs(bytes, encoding);
  const first = text === undefined ? firstUtf8Char(bytes) : text.trimStart().charAt(0);
  if (!first) throw new InputError('fichier vide', file);
  const json = first === '[' || first === '{';
  let read: { dossiers: Dossier[]; columns: ColumnMatch[]; findings: Finding[] };
  let delimiter: string | undefined;
  if (json) {
    read = dossiersFromJson(dossierNodes(parseJsonText(text ?? decodeAs(bytes, encoding), file), file), questionnaire, file);
  } else {
    let reader: TableReader | undefined;
    const csv = parseCsv(text ?? bytes, file, { header: (headers) => (reader = tableReader(headers, questionnaire, file)), row: (line, cells) => reader!.row(line, cells) });
    delimiter = csv.delimiter;
    read = reader!.finish();
    if (!csv.rows) read.findings.push({ severity: 'warning', rule: 'ingest/empty', message: 'aucun dossier dans le fichier (seulement la ligne d’en-tête)', file });
  }
  return finish(file, bytes, json ? 'json' : 'csv', encoding, delimiter, read, states);
}

function finish(
  file: string,
  bytes: Buffer,
  format: ExportRead['format'],
  encoding: Encoding,
  delimiter: string | undefined,
  read: { dossiers: Dossier[]; columns: ColumnMatch[]; findings: Finding[] },
  states: readonly DossierState[],
): ExportRead {
  const json = format === 'json';
  const hasState = read.dossiers.some((d) => d.state !== undefined);
  if (!json && !hasState && read.dossiers.length)
    read.findings.push({ severity: 'info', rule: 'ingest/no-state', message: 'pas de colonne « État du dossier » : tous les dossiers du fichier sont pris en compte', file });
  const skipped: ExportRead['skipped'] = {};
  const kept: Dossier[] = [];
  for (const d of read.dossiers) {
    if (d.state === undefined ? !hasState : states.includes(d.state)) kept.push(d);
    else {
      const key = d.state ?? 'inconnu';
      skipped[key] = (skipped[key] ?? 0) + 1;
    }
  }
  return {
    file,
    sha256: sha256(bytes),
    format,
    encoding,
    ...(delimiter ? { delimiter } : {}),
    columns: read.columns,
    all: read.dossiers,
    dossiers: kept,
    skipped,
    findings: read.findings,
  };
}
