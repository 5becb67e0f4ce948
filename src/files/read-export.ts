import type { Questionnaire } from '../edition/types.js';
import { InputError } from '../findings/errors.js';
import type { Finding } from '../findings/finding.js';
import type { ExportRead } from '../ingest/export-read.js';
import { displayPath } from './edition-files.js';
import { readInput, sha256 } from './read-input.js';
import { parseCsv, readCsvTable } from '../ingest/csv-table.js';
import { basename } from 'node:path';
import { matchColumns, wrongExportProblem, type ColumnMatch } from '../ingest/columns.js';
import { isRepetitionHeader, readRepetitionSheet, withRepetitions, type RepetitionSheet } from '../ingest/repetition-sheet.js';
import { decodeAs, detectEncoding, firstUtf8Char, isZip, looksBinary, type Encoding } from '../ingest/decode.js';
import { SCORED_STATES, type Dossier, type DossierState } from '../ingest/dossier.js';
import { tableReader, type TableReader } from '../ingest/ds-csv.js';
import {
  completenessFindings,
  demarcheMismatch,
  dossierNodes,
  dossiersFromJson,
  parseJsonText,
  simulatorExport,
  simulatorFindings,
} from '../ingest/ds-json.js';

/**
 * Where the dossiers go: into the lists of the ExportRead, or, for a large export, to a callback as
 * they are read (`tnl score` scores each one at once, and keeps only its result).
 */
export interface ReadOptions {
  states?: readonly DossierState[];
  onDossier?: (d: Dossier) => void;
  /** Read whatever the header row holds, even an export that is not this edition's (tnl inspect). */
  anyExport?: boolean;
  /** Repetition sheets given beside a CSV export (`--repetitions`): merged into each dossier. */
  repetitions?: readonly RepetitionSheet[];
}

type Read = { dossiers?: Dossier[]; columns: ColumnMatch[]; findings: Finding[] };

/** Reads any export, the DS XLSX workbook included (which needs an asynchronous reader). */
export async function readExportAsync(path: string, questionnaire: Questionnaire, options: ReadOptions = {}): Promise<ExportRead> {
  const bytes = readInput(path);
  if (!isZip(bytes)) return readExport(path, questionnaire, options);
  const file = displayPath(path);
  if (bytes.includes('mimetypeapplication/vnd.oasis.opendocument'))
    throw new InputError('classeur ODS : enregistrez-le au format XLSX ou CSV, ou utilisez l’export CSV de démarches simplifiées', file);
  // zlib is loaded for workbooks only: a CSV or JSON export never pays for it.
  const { zipBoundsProblem } = await import('../ingest/zip-bounds.js');
  const refused = zipBoundsProblem(bytes);
  if (refused) throw new InputError(refused, file);
  const { dossiersFromXlsx } = await import('../ingest/xlsx.js');
  const filter = new StateFilter(options);
  const read = await dossiersFromXlsx(bytes, questionnaire, file);
  for (const d of read.dossiers) filter.offer(d);
  return finish(file, bytes, 'xlsx', 'utf-8', undefined, read, filter);
}

/** Reads an export file (DS CSV, template CSV, hand-made CSV, GraphQL JSON). Unreadable → InputError. */
export function readExport(path: string, questionnaire: Questionnaire, options: ReadOptions = {}): ExportRead {
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
  const filter = new StateFilter(options);
  let read: Read;
  let delimiter: string | undefined;
  if (json) {
    const data = parseJsonText(text ?? decodeAs(bytes, encoding), file);
    const other = demarcheMismatch(data, questionnaire);
    if (other && !options.anyExport) throw new InputError(other, file);
    read = dossiersFromJson(dossierNodes(data, file), questionnaire, file, { simulation: simulatorExport(data) !== undefined });
    read.findings.unshift(...completenessFindings(data, file), ...simulatorFindings(data, questionnaire, file));
    for (const d of read.dossiers!) filter.offer(d);
  } else {
    let reader: TableReader | undefined;
    const offer = (d: Dossier) => filter.offer(d);
    const header = (headers: string[]) => {
      if (isRepetitionHeader(headers))
        throw new InputError(
          'ce fichier est la feuille d’un bloc répétable (colonnes « Dossier ID » et « Ligne »), pas l’export des dossiers : donnez l’export des dossiers, et cette feuille avec --repetitions FICHIER',
          file,
          1,
        );
      const columns = matchColumns(headers, questionnaire);
      const wrong = wrongExportProblem(columns, questionnaire);
      if (wrong && !options.anyExport) throw new InputError(wrong, file, 1);
      reader = tableReader(headers, questionnaire, file, offer, columns);
    };
    const csv = parseCsv(text ?? bytes, file, { header, row: (line, cells) => reader!.row(line, cells) });
    delimiter = csv.delimiter;
    read = reader!.finish();
    if (!csv.rows)
      read.findings.push({ severity: 'warning', rule: 'ingest/empty', message: 'aucun dossier dans le fichier (seulement la ligne d’en-tête)', file });
  }
  return finish(file, bytes, json ? 'json' : 'csv', encoding, delimiter, read, filter);
}

/**
 * Keeps the dossiers in the states to score. A dossier without a state (no state column, as in a
 * hand-made file) is held until the end: if no dossier of the file has a state, all are kept;
 * otherwise its state is unknown and it is left aside.
 */
class StateFilter {
  readonly all: Dossier[] = [];
  readonly kept: Dossier[] = [];
  readonly skipped: ExportRead['skipped'] = {};
  read = 0;
  count = 0;
  hasState = false;
  private held: Dossier[] = [];
  private readonly states: readonly DossierState[];

  constructor(readonly options: ReadOptions) {
    this.states = options.states ?? SCORED_STATES;
  }

  /** Dossier numbers read, kept only when repetition sheets must be matched against them. */
  readonly numbers = new Set<string>();

  offer(d: Dossier): void {
    this.read += 1;
    if (this.options.repetitions?.length) {
      withRepetitions(d, this.options.repetitions);
      this.numbers.add(d.number);
    }
    if (!this.options.onDossier) this.all.push(d);
    if (d.state === undefined) {
      if (this.hasState) this.skip('inconnu');
      else this.held.push(d);
      return;
    }
    if (!this.hasState) {
      this.hasState = true;
      for (let i = 0; i < this.held.length; i++) this.skip('inconnu');
      this.held = [];
    }
    if (this.states.includes(d.state)) this.keep(d);
    else this.skip(d.state);
  }

  end(): void {
    for (const d of this.held) this.keep(d);
    this.held = [];
  }

  private keep(d: Dossier): void {
    this.count += 1;
    if (this.options.onDossier) this.options.onDossier(d);
    else this.kept.push(d);
  }

  private skip(key: DossierState | 'inconnu'): void {
    this.skipped[key] = (this.skipped[key] ?? 0) + 1;
  }
}

function finish(
  file: string,
  bytes: Buffer,
  format: ExportRead['format'],
  encoding: Encoding,
  delimiter: string | undefined,
  read: Read,
  filter: StateFilter,
): ExportRead {
  filter.end();
  for (const sheet of filter.options.repetitions ?? []) {
    const strangers = [...sheet.rows.keys()].filter((n) => !filter.numbers.has(n));
    if (strangers.length)
      read.findings.push({
        severity: 'warning',
        rule: 'ingest/repetition-unknown-dossier',
        message: `${strangers.length} dossier${strangers.length > 1 ? 's' : ''} de la feuille du bloc « ${sheet.questionId} » absent${strangers.length > 1 ? 's' : ''} de l’export (${strangers.slice(0, 5).join(', ')}${strangers.length > 5 ? '…' : ''}) : leurs lignes sont ignorées`,
        file: sheet.file,
      });
  }
  if (format !== 'json' && !filter.hasState && filter.read)
    read.findings.push({
      severity: 'info',
      rule: 'ingest/no-state',
      message: 'pas de colonne « État du dossier » : tous les dossiers du fichier sont pris en compte',
      file,
    });
  return {
    file,
    sha256: sha256(bytes),
    format,
    encoding,
    ...(delimiter ? { delimiter } : {}),
    columns: read.columns,
    all: filter.all,
    dossiers: filter.kept,
    count: { read: filter.read, kept: filter.count },
    skipped: filter.skipped,
    findings: read.findings,
  };
}

/** A repetition sheet saved as CSV (`--repetitions`), read and matched to its block. */
export function readRepetitionFile(path: string, questionnaire: Questionnaire): RepetitionSheet {
  const file = displayPath(path);
  const bytes = readInput(path);
  if (!bytes.length) throw new InputError('fichier vide', file);
  if (isZip(bytes) || looksBinary(bytes))
    throw new InputError('la feuille d’un bloc répétable se donne en CSV (enregistrez-la au format CSV depuis le classeur)', file);
  const encoding = detectEncoding(bytes);
  const utf8 = encoding === 'utf-8' || encoding === 'utf-8-bom';
  return readRepetitionSheet(readCsvTable(utf8 ? bytes : decodeAs(bytes, encoding), file), questionnaire, file, basename(path));
}
