import { resolve } from 'node:path';
import { applyDecisions, checkDecisions, type Decisions, type Result } from '../decisions/decisions.js';
import type { Edition } from '../edition/types.js';
import { loadEdition, readYaml } from '../files/edition-files.js';
import { readExportAsync, readRepetitionFile } from '../files/read-export.js';
import type { ExportRead } from '../ingest/export-read.js';
import { inseeLookup } from '../territory/insee.js';
import { FindingsError } from '../findings/errors.js';
import { hasErrors, strictify, type Finding } from '../findings/finding.js';
import { parseStates, type Dossier } from '../ingest/dossier.js';
import { checkGrades, dossierGrades, type Grades } from '../jury/grades.js';
import { provenance, runDate, type Provenance } from '../output/provenance.js';
import { indexEdition, scoreDossier } from '../scoring/score.js';
import type { ScoreCard } from '../scoring/types.js';
import type { Io } from './io.js';
import { rootOf } from './paths.js';
import { parseYear } from './run.js';
import type { PipelineOptions } from './scoring-wiring.js';

/** How a command wants its dossiers scored (not options of the command line). */
export interface PipelineSettings {
  /** Compute each dossier's next-level path (feedback). */
  withPath?: boolean;
  /** Compute the next-level path of this dossier only (explain: the others need none). */
  pathFor?: string;
  /**
   * Score each dossier as soon as it is read and keep only its result (`read.dossiers` stays
   * empty): what `tnl score` does, so that 100 000 dossiers are never all in memory at once.
   */
  stream?: boolean;
}

export interface Scored {
  edition: Edition;
  read: ExportRead;
  results: Result[];
  decisions?: Decisions;
  /** The jury's grades given with --grades (each juror's too: for staff outputs only). */
  grades?: Grades;
  provenance: Provenance;
  /** Ingest and scoring findings (answers, populations). */
  findings: Finding[];
}

/** A grades file (`tnl jury collect`) checked against the edition; errors stop the run. */
export function loadGrades(path: string, edition: Edition): { grades: Grades; ref: { file: string; sha256: string } } {
  const { source, hash } = readYaml(path);
  const checked = checkGrades(source, edition);
  if (!checked.grades || hasErrors(checked.findings))
    throw new FindingsError(
      `notes du jury invalides : ${source.file}`,
      checked.findings.filter((f) => f.severity === 'error'),
    );
  return { grades: checked.grades, ref: { file: source.file, sha256: hash } };
}

/** The edge: files in, typed results out. Everything between is pure. */
export async function scoreExport(file: string, opts: PipelineOptions, io: Io, settings: PipelineSettings = {}): Promise<Scored> {
  const at = (p: string) => resolve(io.cwd, p);
  const { edition } = loadEdition(parseYear(opts.edition), rootOf(io, opts.root));
  const states = parseStates(opts.state);
  const scoring = { withPath: settings.withPath ?? false };
  const scoringOf = (number: string) => (settings.pathFor === number ? { withPath: true } : scoring);
  const repetitions = (opts.repetitions ?? []).map((f) => readRepetitionFile(at(f), edition.questionnaire));
  const loaded = opts.grades ? loadGrades(at(opts.grades), edition) : undefined;
  const grades = loaded?.grades;
  // The jury's consolidated grades go with each dossier (never a juror's own grade).
  const graded = (d: Dossier): Dossier => (grades ? Object.assign(d, { grades: dossierGrades(grades, d.number) }) : d);
  let cards: ScoreCard[];
  let read: ExportRead;
  if (settings.stream) {
    const index = indexEdition(edition);
    const streamed: ScoreCard[] = [];
    read = await readExportAsync(at(file), edition.questionnaire, {
      states,
      repetitions,
      onDossier: (d) => streamed.push(scoreDossier(graded(d), index, inseeLookup, scoringOf(d.number))),
    });
    cards = streamed;
  } else {
    read = await readExportAsync(at(file), edition.questionnaire, { states, repetitions });
    const index = indexEdition(edition);
    cards = read.dossiers.map((d) => scoreDossier(graded(d), index, inseeLookup, scoringOf(d.number)));
  }
  let decisions: Decisions | undefined;
  let decisionsRef: { file: string; sha256: string } | undefined;
  if (opts.decisions) {
    const { source, hash } = readYaml(at(opts.decisions));
    const checked = checkDecisions(
      source,
      edition,
      cards.map((c) => c.number),
    );
    if (!checked.decisions)
      throw new FindingsError(`décisions du jury invalides (${checked.findings.length} problème${checked.findings.length > 1 ? 's' : ''}) :`, checked.findings);
    decisions = checked.decisions;
    decisionsRef = { file: source.file, sha256: hash };
  }
  const results = applyDecisions(cards, edition, decisions);
  const findings = [...read.findings, ...cards.flatMap((c) => c.findings.map((f) => ({ ...f, file: read.file })))];
  if (grades) {
    const numbers = new Set(cards.map((c) => c.number));
    for (const number of grades.keys())
      if (!numbers.has(number))
        findings.push({
          severity: 'warning',
          rule: 'jury/grades-unknown-dossier',
          message: `notes du jury pour le dossier ${number}, absent des dossiers notés`,
          file: opts.grades!,
        });
  }
  return {
    edition,
    read,
    results,
    ...(decisions ? { decisions } : {}),
    ...(grades ? { grades } : {}),
    provenance: provenance(edition, runDate(io.env, io.now()), { file: read.file, sha256: read.sha256 }, decisionsRef, loaded?.ref),
    findings: opts.strict ? strictify(findings) : findings,
  };
}
