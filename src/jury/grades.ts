import { checkSchema } from '../edition/schema-check.js';
import type { Edition, JuryCriterion } from '../edition/types.js';
import { byDossier, type Finding } from '../findings/finding.js';
import { count, didYouMean, frNumber, q } from '../util/french.js';
import { closest } from '../util/suggest.js';
import { median } from '../util/median.js';
import { findingAt, type YamlSource } from '../util/yaml-source.js';
import type { Assignment } from './assign.js';

/**
 * The jury's grading sheets read back, checked and consolidated (`tnl jury collect`), and the
 * grades file that scoring reads (`--grades`). Pure: the shell reads the workbooks into tables.
 */

export const CONSOLIDATIONS = ['median', 'mean'] as const;
export type Consolidation = (typeof CONSOLIDATIONS)[number];

/** The fixed layout of a grading sheet (src/jury/sheets.ts writes it; collect checks it). */
export const SHEET_NAME = 'Notes';
export const SHEET_HEADER = [
  'Dossier',
  'Collectivité',
  'Critère',
  'Libellé du critère',
  'Note',
  'Commentaire',
  'À lire dans le dossier',
  'Dossier sur démarches simplifiées',
];
/** Row (1-based) of the juror's id (in B), of the edition (in B), of the header; grades start below it. */
export const JUROR_ROW = 1;
export const EDITION_ROW = 2;
export const HEADER_ROW = 4;
export const GRADE_COLUMN = 5;
export const JUROR_LABEL = 'Juré';
export const EDITION_LABEL = 'Édition';

/**
 * A sheet as read from a workbook or a CSV saved from it: cell texts by row (the sheet's row; for a
 * CSV, the line where the record starts) and 1-based column, rows in order.
 */
export interface SheetTable {
  file: string;
  /** The worksheet's name; undefined for a CSV. */
  sheet?: string;
  rows: Map<number, string[]>;
}

/** « E7 » for row 7, column 5. */
export function cellName(row: number, column: number): string {
  let letters = '';
  for (let c = column; c > 0; c = Math.floor((c - 1) / 26)) letters = String.fromCharCode(65 + ((c - 1) % 26)) + letters;
  return `${letters}${row}`;
}

/** One juror's grade for one criterion of one dossier, and where it was read. */
export interface SheetGrade {
  juror: string;
  dossier: string;
  criterion: string;
  grade: number;
  where: string;
}

/** The consolidated grades of a dossier's criterion. */
export interface CriterionGrades {
  grade?: number;
  jurors: Record<string, number>;
  disagreement?: boolean;
}

export type Grades = Map<string, Map<string, CriterionGrades>>;

const where = (t: SheetTable, row: number, column: number) =>
  t.sheet === undefined
    ? `${t.file}:${row}, colonne ${cellName(row, column).replace(/\d+$/, '')}`
    : `${t.file}, feuille « ${t.sheet} », cellule ${cellName(row, column)}`;

/** Reads one filled sheet: its juror, and each grade given, every problem located (file, sheet, cell). */
export function readSheet(
  table: SheetTable,
  edition: Edition,
  assignment: Assignment,
  jurorIds: readonly string[],
): { grades: SheetGrade[]; findings: Finding[]; juror?: string } {
  const findings: Finding[] = [];
  const jury = edition.rubric.jury!;
  const problem = (row: number, column: number, rule: string, message: string, severity: Finding['severity'] = 'error') =>
    findings.push({ severity, rule: `jury/${rule}`, message: `${where(table, row, column)} : ${message}`, file: table.file, line: row, column });
  const cell = (row: number, column: number) => (table.rows.get(row)?.[column - 1] ?? '').trim();
  // The rows are found by their labels, so that a CSV saved from the sheet (which may drop its
  // empty rows, and counts lines rather than rows) reads like the workbook.
  const rowsInOrder = [...table.rows.keys()].sort((a, b) => a - b);
  const rowOf = (label: string) => rowsInOrder.find((r) => cell(r, 1) === label);
  const headerRow = rowOf(SHEET_HEADER[0]!);
  const jurorRow = rowOf(JUROR_LABEL);
  const editionRow = rowOf(EDITION_LABEL);
  if (headerRow === undefined || jurorRow === undefined || editionRow === undefined) {
    const missing =
      headerRow === undefined
        ? `la ligne d’en-tête (« ${SHEET_HEADER[0]} »)`
        : jurorRow === undefined
          ? `la ligne « ${JUROR_LABEL} »`
          : `la ligne « ${EDITION_LABEL} »`;
    problem(
      rowsInOrder[0] ?? 1,
      1,
      'sheet-structure',
      `structure de la grille modifiée : ${missing} manque ; reprenez la grille écrite par « tnl jury sheets »`,
    );
    return { grades: [], findings };
  }
  const header = SHEET_HEADER.map((_, i) => cell(headerRow, i + 1));
  const changed = SHEET_HEADER.findIndex((h, i) => header[i] !== h);
  if (changed >= 0) {
    problem(
      headerRow,
      changed + 1,
      'sheet-structure',
      `structure de la grille modifiée : « ${SHEET_HEADER[changed]} » attendu, « ${header[changed]} » trouvé ; reprenez la grille écrite par « tnl jury sheets »`,
    );
    return { grades: [], findings };
  }
  const juror = cell(jurorRow, 2);
  if (!jurorIds.includes(juror)) {
    problem(jurorRow, 2, 'unknown-juror', `juré « ${juror} » inconnu.${didYouMean(closest(juror, jurorIds))}`);
    return { grades: [], findings };
  }
  if (cell(editionRow, 2) !== String(edition.year)) problem(editionRow, 2, 'edition', `grille de l’édition « ${cell(editionRow, 2)} », pas de ${edition.year}`);
  const criteria = new Map(jury.criteria.map((c) => [c.id, c]));
  const seen = new Set<string>();
  const grades: SheetGrade[] = [];
  for (const row of rowsInOrder.filter((r) => r > headerRow)) {
    const dossier = cell(row, 1);
    const criterion = cell(row, 3);
    const text = cell(row, GRADE_COLUMN);
    if (!dossier && !criterion && !text) continue;
    if (!assignment.has(dossier)) {
      problem(row, 1, 'unknown-dossier', `dossier « ${dossier} » absent de l’affectation.${didYouMean(closest(dossier, [...assignment.keys()]))}`);
      continue;
    }
    if (!assignment.get(dossier)!.includes(juror)) {
      problem(row, 1, 'not-assigned', `${juror} n’est pas affecté au dossier ${dossier} : sa note n’est pas retenue`);
      continue;
    }
    if (!criteria.has(criterion)) {
      problem(row, 3, 'unknown-criterion', `critère « ${criterion} » inconnu.${didYouMean(closest(criterion, [...criteria.keys()]))}`);
      continue;
    }
    const key = `${dossier}\u0000${criterion}`;
    if (seen.has(key)) {
      problem(row, 3, 'duplicate-grade', `le dossier ${dossier} a déjà une ligne pour le critère ${criterion} dans cette grille`);
      continue;
    }
    seen.add(key);
    if (!text) continue; // not graded: said once per dossier and criterion by consolidate
    const grade = /^-?\d+([.,]\d+)?$/.test(text) ? Number(text.replace(',', '.')) : Number.NaN;
    if (!Number.isInteger(grade) || grade < jury.scale.min || grade > jury.scale.max) {
      problem(row, GRADE_COLUMN, 'grade-outside-scale', `note « ${text} » hors de l’échelle (un nombre entier de ${jury.scale.min} à ${jury.scale.max})`);
      continue;
    }
    grades.push({ juror, dossier, criterion, grade, where: where(table, row, GRADE_COLUMN) });
  }
  return { grades, findings, juror };
}

/** Each dossier's criteria consolidated over its jurors; missing grades and disagreements said. */
export function consolidate(
  sheetGrades: readonly SheetGrade[],
  edition: Edition,
  assignment: Assignment,
  how: Consolidation,
): { grades: Grades; findings: Finding[] } {
  const criteria = edition.rubric.jury!.criteria;
  const findings: Finding[] = [];
  const grades: Grades = new Map();
  const given = new Map<string, number>();
  for (const g of sheetGrades) given.set(`${g.dossier}\u0000${g.criterion}\u0000${g.juror}`, g.grade);
  for (const [dossier, jurors] of [...assignment].sort(([a], [b]) => byDossier(a, b))) {
    const byCriterion = new Map<string, CriterionGrades>();
    for (const c of criteria) {
      const values: Record<string, number> = {};
      const missing: string[] = [];
      for (const j of jurors) {
        const v = given.get(`${dossier}\u0000${c.id}\u0000${j}`);
        if (v === undefined) missing.push(j);
        else values[j] = v;
      }
      const list = Object.values(values);
      const entry: CriterionGrades = { jurors: values };
      if (list.length) entry.grade = how === 'median' ? median(list) : list.reduce((s, x) => s + x, 0) / list.length;
      if (missing.length)
        findings.push({
          severity: 'warning',
          rule: list.length ? 'jury/missing-grade' : 'jury/ungraded',
          message: list.length
            ? `dossier ${dossier}, critère ${q(c.id)} : pas de note de ${missing.join(', ')} (note retenue sur ${count(list.length, 'juré')})`
            : `dossier ${dossier}, critère ${q(c.id)} : aucune note — le total du dossier sera incomplet`,
          dossier,
        });
      if (list.length >= 2 && Math.max(...list) - Math.min(...list) >= c.disagreement) {
        entry.disagreement = true;
        findings.push({
          severity: 'warning',
          rule: 'jury/disagreement',
          message: `dossier ${dossier}, critère ${q(c.id)} : désaccord entre jurés (${Object.entries(values)
            .map(([j, v]) => `${j} ${v}`)
            .join(', ')} ; écart ${frNumber(Math.max(...list) - Math.min(...list))}, seuil ${frNumber(c.disagreement)}) : à discuter en séance`,
          dossier,
        });
      }
      byCriterion.set(c.id, entry);
    }
    grades.set(dossier, byCriterion);
  }
  return { grades, findings };
}

/** The grades file: the same text for the same grades. */
export function gradesYaml(year: number, how: Consolidation, grades: Grades, schemaRef: string): string {
  const lines = [
    `# yaml-language-server: $schema=${schemaRef}`,
    '#',
    `# Notes du jury de l’édition ${year}, réunies par « tnl jury collect » (${how === 'median' ? 'médiane' : 'moyenne'} des jurés).`,
    '# Réservé à l’équipe : les notes de chaque juré ne vont dans aucun document publié ni aucune fiche.',
    `edition: ${year}`,
    `consolidation: ${how}`,
    'dossiers:',
  ];
  for (const [dossier, criteria] of grades) {
    lines.push(`  "${dossier}":`);
    for (const [id, g] of criteria) {
      const jurors = Object.entries(g.jurors)
        .map(([j, v]) => `${j}: ${v}`)
        .join(', ');
      const parts = [
        ...(g.grade !== undefined ? [`grade: ${g.grade}`] : []),
        jurors ? `jurors: { ${jurors} }` : 'jurors: {}',
        ...(g.disagreement ? ['disagreement: true'] : []),
      ];
      lines.push(`    ${id}: { ${parts.join(', ')} }`);
    }
  }
  return `${lines.join('\n')}\n`;
}

interface RawGrades {
  edition: number;
  consolidation: Consolidation;
  dossiers: Record<string, Record<string, { grade?: number; jurors: Record<string, number>; disagreement?: boolean }>>;
}

/** A grades file checked against the edition's criteria and scale; every problem located. */
export function checkGrades(source: YamlSource, edition: Edition): { grades?: Grades; findings: Finding[] } {
  const findings = checkSchema(source, 'grades');
  if (findings.length) return { findings };
  const raw = source.data as RawGrades;
  const add = (rule: string, message: string, path: (string | number)[]) => findings.push(findingAt(source, `jury/${rule}`, message, path));
  const jury = edition.rubric.jury;
  if (raw.edition !== edition.year) add('edition', `ces notes sont celles de l’édition ${raw.edition}, pas de ${edition.year}`, ['edition']);
  if (!jury) {
    add('no-criteria', `le barème de l’édition ${edition.year} n’a pas de critères du jury (jury.criteria)`, ['dossiers']);
    return { findings };
  }
  const criteria = new Map<string, JuryCriterion>(jury.criteria.map((c) => [c.id, c]));
  const grades: Grades = new Map();
  for (const [dossier, byCriterion] of Object.entries(raw.dossiers)) {
    const out = new Map<string, CriterionGrades>();
    for (const [id, g] of Object.entries(byCriterion)) {
      if (!criteria.has(id)) {
        add('unknown-criterion', `critère ${q(id)} inconnu.${didYouMean(closest(id, [...criteria.keys()]))}`, ['dossiers', dossier, id]);
        continue;
      }
      const values = [g.grade, ...Object.values(g.jurors)].filter((v): v is number => v !== undefined);
      if (values.some((v) => v < jury.scale.min || v > jury.scale.max))
        add('grade-outside-scale', `note hors de l’échelle (${jury.scale.min} à ${jury.scale.max}) pour le dossier ${dossier}, critère ${q(id)}`, [
          'dossiers',
          dossier,
          id,
        ]);
      out.set(id, { ...(g.grade !== undefined ? { grade: g.grade } : {}), jurors: { ...g.jurors }, ...(g.disagreement ? { disagreement: true } : {}) });
    }
    grades.set(dossier, out);
  }
  return { grades, findings };
}

/** The consolidated grades of a dossier, as scoring reads them (no juror's name, no individual grade). */
export function dossierGrades(grades: Grades, dossier: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [id, g] of grades.get(dossier) ?? []) if (g.grade !== undefined) out[id] = g.grade;
  return out;
}
