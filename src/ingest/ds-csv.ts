import { q } from '../util/french.js';
import type { IdentityRole, Question, Questionnaire } from '../edition/types.js';
import type { Finding } from '../findings/finding.js';
import { columnFindings, matchColumns, type ColumnMatch, type ColumnPart } from './columns.js';
import type { CsvTable } from './csv-table.js';
import type { Answer, Dossier, Identity, SourceRef } from './dossier.js';
import { normalisePhone, readCode, readDepartement, readKind, readPopulation, readState, readTimestamp, type Problem } from './identity.js';
import { readCell, type CellResult } from './values.js';

export interface TableRead {
  dossiers: Dossier[];
  columns: ColumnMatch[];
  findings: Finding[];
}

/** Reads the rows of one table into dossiers, one row at a time. */
export interface TableReader {
  row(line: number, cells: string[]): void;
  finish(): TableRead;
}

/** A CSV table (DS export, export template or hand-made) → dossiers, with every problem located. */
export function dossiersFromTable(table: CsvTable, questionnaire: Questionnaire, file: string, matched?: ColumnMatch[]): TableRead {
  const reader = tableReader(table.headers, questionnaire, file, undefined, matched);
  for (const row of table.rows) reader.row(row.line, row.cells);
  return reader.finish();
}

/**
 * The reader of a table whose header is known: columns matched once, then each row read as it
 * comes (a large export is never held whole): each dossier goes to `emit` as soon as it is read, or,
 * without it, into the list that `finish` returns. Cells repeat from one dossier to the next (the same
 * options, the same yes and no): each column remembers what a cell text reads to, and dossiers share
 * those answers, which are never modified.
 */
export function tableReader(headers: string[], questionnaire: Questionnaire, file: string, emit?: (d: Dossier) => void, matched?: ColumnMatch[]): TableReader {
  const columns = matched ?? matchColumns(headers, questionnaire);
  const findings = columnFindings(columns, questionnaire, file);
  const questions = new Map(questionnaire.questions.map((x) => [x.id, x]));
  const numberCol = columns.find((c) => c.target.kind === 'fixed' && c.target.field === 'number');
  const repetitions = questionnaire.questions.filter((x) => x.type === 'repetition').map((x) => x.id);
  if (repetitions.length && !columns.some((c) => c.target.kind === 'question' && repetitions.includes(c.target.id)))
    findings.push({
      severity: 'info',
      rule: 'ingest/repetition-unavailable',
      message: `les blocs répétables (${repetitions.map(q).join(', ')}) ne figurent pas dans un export CSV : leurs points ne seront pas comptés ; utilisez l’export JSON de l’API (tnl fetch)`,
      file,
    });
  const seen = new Map<string, number>();
  const dossiers: Dossier[] = [];
  const deliver = emit ?? ((d: Dossier) => dossiers.push(d));
  // Where each field comes from is the same for every row of a table: one map, shared.
  const sources: Record<string, SourceRef> = {};
  for (const c of columns) {
    const t = c.target;
    if (t.kind === 'identity') sources[`identity.${t.role}`] ??= { file, field: c.header };
    else if (t.kind === 'question' && t.part === 'value') sources[t.id] ??= { file, field: c.header };
  }
  const unavailable = repetitions.filter((id) => !sources[id]);
  const plan = readPlan(columns, questions);

  return {
    row(line, cells) {
      if (cells.length !== headers.length && cells.some((c) => c.trim()))
        findings.push({
          severity: 'warning',
          rule: 'ingest/row-width',
          message: `${cells.length} valeurs au lieu de ${headers.length} : une colonne en trop ou en moins (séparateur ou guillemet mal placé ?)`,
          file,
          line,
        });
      const number = numberCol ? (cells[numberCol.index] ?? '').trim() : String(seen.size + 1);
      if (!number) {
        if (cells.some((c) => c.trim()))
          findings.push({ severity: 'error', rule: 'ingest/missing-number', message: 'ligne sans numéro de dossier : ignorée', file, line });
        return;
      }
      const problem = (p: Problem, field: string, column: number, rule: string) =>
        findings.push({ severity: p.severity, rule, message: p.message, file, line, column, dossier: number, field });
      const previous = seen.get(number);
      if (previous !== undefined) {
        findings.push({
          severity: 'error',
          rule: 'ingest/duplicate-dossier',
          message: `dossier ${number} en double (déjà ligne ${previous}) : seule la première ligne est lue`,
          file,
          line,
          dossier: number,
        });
        return;
      }
      seen.set(number, line);
      deliver(readRow(line, cells, number, plan, sources, unavailable, questionnaire, problem));
    },
    finish: () => ({ dossiers, columns, findings }),
  };
}

/** A column to read, with what it needs decided once per table rather than once per cell. */
interface PlannedColumn {
  column: ColumnMatch;
  question?: Question;
  /** Cell text → what it reads to, for the columns of choices, numbers and dates. */
  cache?: Map<string, CellResult>;
}

export const CACHED_CELL = 200;
/** Oui and non are read faster than looked up; free text and communes never repeat. */
const CACHED_TYPES = new Set<Question['type']>(['single_choice', 'multiple_choice', 'integer', 'decimal', 'date']);
export const CACHED_VALUES = 4096;

function readPlan(columns: readonly ColumnMatch[], questions: Map<string, Question>): PlannedColumn[] {
  const plan: PlannedColumn[] = [];
  for (const column of columns) {
    const t = column.target;
    if (t.kind === 'unknown' || t.kind === 'known' || t.kind === 'duplicate') continue;
    if (t.kind !== 'question') {
      plan.push({ column });
      continue;
    }
    const question = questions.get(t.id)!;
    if (question.type !== 'commune' && t.part !== 'value') continue;
    plan.push({ column, question, ...(CACHED_TYPES.has(question.type) ? { cache: new Map() } : {}) });
  }
  return plan;
}

function cellOf(question: Question, raw: string, cache: Map<string, CellResult> | undefined): CellResult {
  if (!cache || raw.length > CACHED_CELL) return readCell(question, raw);
  let r = cache.get(raw);
  if (!r) {
    r = readCell(question, raw);
    if (cache.size < CACHED_VALUES) cache.set(raw, r);
  }
  return r;
}

function readRow(
  line: number,
  cells: string[],
  number: string,
  plan: readonly PlannedColumn[],
  sources: Record<string, SourceRef>,
  unavailable: string[],
  questionnaire: Questionnaire,
  problem: (p: Problem, field: string, column: number, rule: string) => void,
): Dossier {
  // Answers in a dictionary from the start (no prototype): ~50 keys added one by one would otherwise
  // walk through as many hidden classes before the engine turns the object into one anyway.
  const dossier: Dossier = { number, line, identity: {}, answers: Object.create(null) as Dossier['answers'], unavailable, sources };
  const commune: Record<string, { name?: string; code?: string; departement?: string }> = {};

  for (const { column: c, question, cache } of plan) {
    const t = c.target;
    const raw = cells[c.index] ?? '';
    if (t.kind === 'fixed') {
      if (t.field === 'state') {
        const r = readState(raw);
        if (r.problem) problem(r.problem, c.header, c.index + 1, 'ingest/state');
        if (r.state) dossier.state = r.state;
      } else if (t.field !== 'number') {
        const ts = readTimestamp(raw);
        if (ts) dossier[t.field] = ts;
      }
    } else if (t.kind === 'identity') {
      readIdentity(dossier.identity, t.role, t.part, raw, questionnaire, (p) => problem(p, c.header, c.index + 1, `ingest/identity-${t.role}`));
    } else if (t.kind === 'annotation') {
      const text = raw.replace(/\r\n/g, '\n').trim();
      if (text) (dossier.annotations ??= {})[t.id] = text;
    } else if (t.kind === 'question' && question) {
      if (question.type === 'commune') {
        const parts = (commune[t.id] ??= {});
        if (raw.trim()) {
          if (t.part === 'value') parts.name = raw.trim().replace(/\s*\(\d{5}\)$/, '');
          else if (t.part === 'code') parts.code = raw.trim();
          else if (t.part === 'departement') parts.departement = readDepartement(raw);
        }
        continue;
      }
      const r = cellOf(question, raw, cache);
      if (r.problem) problem(r.problem, c.header, c.index + 1, 'ingest/answer');
      if (r.answer) dossier.answers[t.id] = r.answer;
    }
  }
  for (const [id, parts] of Object.entries(commune)) {
    if (parts.name || parts.code) {
      const answer: Answer = {
        kind: 'commune',
        name: parts.name ?? '',
        ...(parts.code ? { code: parts.code } : {}),
        ...(parts.departement ? { departement: parts.departement } : {}),
      };
      dossier.answers[id] = answer;
    }
  }
  if (dossier.identity.departement === undefined && dossier.identity.commune?.code)
    dossier.identity.departement = departementOfInsee(dossier.identity.commune.code);
  return dossier;
}

function departementOfInsee(code: string): string {
  return code.startsWith('97') ? code.slice(0, 3) : code.slice(0, 2);
}

/** Fills one identity field from one cell. */
export function readIdentity(
  identity: Identity,
  role: IdentityRole,
  part: ColumnPart,
  raw: string,
  questionnaire: Questionnaire,
  problem: (p: Problem) => void,
): void {
  const text = raw.trim();
  if (!text) return;
  switch (role) {
    case 'kind': {
      const r = readKind(questionnaire.identity.kind, text);
      if (r.problem) problem(r.problem);
      if (r.kind) identity.kind = r.kind;
      return;
    }
    case 'population': {
      const r = readPopulation(text);
      if (r.problem) problem(r.problem);
      if (r.value !== undefined) identity.population = r.value;
      return;
    }
    case 'code': {
      const r = readCode(text);
      if (r.problem) problem(r.problem);
      if (r.value) identity.code = r.value;
      return;
    }
    case 'departement':
      if (part === 'code' || identity.departement === undefined || !/^(\d{2,3}|2[AB])$/.test(identity.departement))
        identity.departement = readDepartement(text);
      return;
    case 'epci': {
      const e = (identity.epci ??= { name: '' });
      if (part === 'value') e.name = text;
      else if (part === 'code') e.code = text.replace(/\s/g, '');
      else if (part === 'departement') identity.departement ??= readDepartement(text);
      return;
    }
    case 'commune': {
      const c = (identity.commune ??= { name: '' });
      if (part === 'value') c.name = text.replace(/\s*\(\d{5}\)$/, '');
      else if (part === 'code') c.code = text;
      else if (part === 'departement') identity.departement ??= readDepartement(text);
      return;
    }
    case 'phone':
      if (part === 'value') identity.phone = normalisePhone(text);
      return;
    case 'name':
    case 'referent':
    case 'responsable':
    case 'email':
      if (part === 'value') identity[role] = text.replace(/\s+/g, ' ');
      return;
  }
}
