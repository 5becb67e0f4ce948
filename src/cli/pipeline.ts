import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { applyDecisions, checkDecisions, type Decisions, type Result } from '../decisions/decisions.js';
import type { Edition } from '../edition/types.js';
import { displayPath, loadEdition, readYaml } from '../files/edition-files.js';
import { readExportAsync, readRepetitionFile } from '../files/read-export.js';
import type { ExportRead } from '../ingest/export-read.js';
import { inseeLookup } from '../territory/insee.js';
import { FindingsError, UsageError } from '../findings/errors.js';
import { hasErrors, strictify, type Finding } from '../findings/finding.js';
import { parseStates, type Dossier } from '../ingest/dossier.js';
import { checkGrades, dossierGrades, type Grades } from '../jury/grades.js';
import { provenance, runDate, type Provenance } from '../output/provenance.js';
import { indexEdition, scoreDossier } from '../scoring/score.js';
import { compareYears, linkDossiers, ranksInStratum } from '../scoring/year-over-year.js';
import type { LastYear } from '../scoring/changed-answers.js';
import { previousLevelGaps } from '../edition/rubric-checks.js';
import { archiveHistories } from '../history/figures.js';
import { loadArchive } from '../files/archive-files.js';
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
  /** With --previous: what staff must confirm or decide (matches by name, ambiguous ones). */
  yearNotes?: string[];
  /** With --previous: last year's answers of each linked authority (the cahier's changed answers). */
  lastYear?: LastYear;
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
  // Last year's export: --previous, else the workspace's reference export of the year before.
  const root = rootOf(io, opts.root);
  const reference = root && opts.previous === undefined && !opts.previousEdition ? join(root, 'exports', `${edition.year - 1}.json`) : undefined;
  const previousFile = typeof opts.previous === 'string' ? at(opts.previous) : reference && existsSync(reference) ? reference : undefined;
  if (previousFile && previousFile === reference)
    io.stderr.write(`comparaison avec l’an dernier : ${displayPath(reference)} (--no-previous pour s’en passer)\n`);
  const compared = previousFile ? await withPrevious(results, edition, { ...opts, previous: previousFile }, at, states, root) : undefined;
  const yearNotes = compared?.notes;
  // The archive's earlier levels, for what a person reads (explain, fiches) or with a comparison.
  if (previousFile || settings.withPath || settings.pathFor !== undefined)
    withArchiveHistory(results, edition, root, previousFile ? undefined : settings.pathFor);
  // Said where the user looks: what staff must confirm (a match by name) or decide (an ambiguous one).
  for (const n of yearNotes ?? []) io.stderr.write(`${n}\n`);
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
    ...(compared ? { yearNotes: compared.notes, lastYear: compared.lastYear } : {}),
  };
}

/**
 * Each result's earlier levels from the results archive (none when the archive cannot be read);
 * `only`: that dossier's alone (explain reads no other).
 */
function withArchiveHistory(results: Result[], edition: Edition, root: string | undefined, only?: string): void {
  let archive;
  try {
    archive = loadArchive(root);
  } catch {
    return;
  }
  const wanted = only === undefined ? results : results.filter((r) => r.card.number === only);
  const histories = archiveHistories(
    archive,
    wanted.map((r) => r.card),
    edition.year,
  );
  wanted.forEach((r, i) => {
    const h = histories[i]!;
    if (h.length) r.history = h.map(({ year, level }) => ({ year, level }));
  });
}

/**
 * --previous: last year's export scored twice, with last year's edition (last year's totals) and
 * with this year's (the same answers under this year's rubric: the export read with this year's
 * questionnaire, champs found by stable id or label), each returning authority linked (code, else
 * name) and its move explained on its result. Returns what staff must confirm or decide.
 */
async function withPrevious(
  results: Result[],
  edition: Edition,
  opts: PipelineOptions,
  at: (p: string) => string,
  states: ReturnType<typeof parseStates>,
  root: string | undefined,
): Promise<{ notes: string[]; lastYear: LastYear }> {
  const year = opts.previousEdition ? parseYear(opts.previousEdition) : edition.year - 1;
  if (year >= edition.year) throw new UsageError(`--previous-edition (${year}) doit être avant --edition (${edition.year})`);
  const { edition: before } = loadEdition(year, root);
  const file = at(opts.previous as string);
  const own = await readExportAsync(file, before.questionnaire, { states });
  // Last year's démarche read with this year's questionnaire, on purpose: its champs found by stable
  // id or label, its answers scored under this year's rubric (the check of the démarche's number
  // is the one of the read just above, against last year's questionnaire).
  const { demarche: _demarche, ...questionnaireNow } = edition.questionnaire;
  void _demarche;
  const now = await readExportAsync(file, questionnaireNow, { states });
  const ownIndex = indexEdition(before);
  const nowIndex = indexEdition(edition);
  const previousCards = own.dossiers.map((d) => scoreDossier(d, ownIndex, inseeLookup));
  const sameAnswers = new Map(now.dossiers.map((d) => [d.number, scoreDossier(d, nowIndex, inseeLookup)]));
  const nowDossiers = new Map(now.dossiers.map((d) => [d.number, d]));
  const linked = new Map<string, Dossier>();
  const lastYear: LastYear = {
    edition: year,
    dossiers: linked,
    carried: new Set(now.columns.flatMap((c) => (c.target.kind === 'question' ? [c.target.id] : []))),
  };
  const byNumber = new Map(previousCards.map((c) => [c.number, c]));
  const sameScale = before.rubric.scale === edition.rubric.scale;
  const ranksBefore = ranksInStratum(previousCards);
  const ranksNow = ranksInStratum(results.map((r) => r.card));
  const notes: string[] = [];
  const links = linkDossiers(
    results.map((r) => r.card),
    previousCards,
  );
  for (const [i, link] of links.entries()) {
    const r = results[i]!;
    if (link.candidates) {
      notes.push(
        `dossier ${r.card.number} (${r.card.name}) : plusieurs dossiers de ${year} peuvent être la même collectivité (${link.candidates.join(', ')}) ; aucun n’est choisi`,
      );
      continue;
    }
    const prev = link.previous ? byNumber.get(link.previous) : undefined;
    const same = link.previous ? sameAnswers.get(link.previous) : undefined;
    if (!prev || !same || !r.card.stratum || !prev.stratum) continue;
    const answers = nowDossiers.get(prev.number);
    if (answers) linked.set(r.card.number, answers);
    if (link.matchedBy === 'name')
      notes.push(
        `dossier ${r.card.number} (${r.card.name}) : rapproché du dossier ${prev.number} de ${year} par le nom seulement (pas de code commun) ; à confirmer`,
      );
    const rb = ranksBefore.get(prev.number);
    const rn = ranksNow.get(r.card.number);
    r.previous = compareYears(r.card, prev, same, {
      previousEdition: year,
      matchedBy: link.matchedBy!,
      sameScale,
      ...(!sameScale && edition.rubric.previousLevels ? { previousLevels: edition.rubric.previousLevels } : {}),
      ...(rb && rn ? { rank: { previous: rb.rank, previousOf: rb.of, current: rn.rank, currentOf: rn.of } } : {}),
    });
  }
  const mapping = edition.rubric.previousLevels;
  if (!sameScale && mapping) {
    const ids = before.rubric.levels.map((l) => l.id);
    const { missing, unknown } = previousLevelGaps(mapping, ids);
    if (missing.length)
      notes.push(
        `previous_levels du barème ${edition.year} ne dit pas à quel niveau correspond${missing.length > 1 ? 'ent les niveaux' : ' le niveau'} ${missing.join(', ')} de ${year} : ces dossiers-là ne comparent que les totaux`,
      );
    if (unknown.length)
      notes.push(
        `previous_levels du barème ${edition.year} nomme ${unknown.map((u) => `« ${u} »`).join(', ')}, absent${unknown.length > 1 ? 's' : ''} de l’échelle de ${year} (${ids.join(', ')})`,
      );
  }
  if (sameScale && mapping)
    notes.push(
      `previous_levels du barème ${edition.year} n’est pas utilisé : ${year} et ${edition.year} ont la même échelle, leurs niveaux se comparent tels quels`,
    );
  if (!sameScale)
    notes.push(
      mapping
        ? `les niveaux de ${year} et de ${edition.year} ne sont pas de la même échelle : ils se comparent selon la correspondance du barème ${edition.year} (previous_levels), les totaux et le rang dans la strate aussi`
        : `les niveaux de ${year} et de ${edition.year} ne sont pas de la même échelle : les comparaisons portent sur les totaux et le rang dans la strate, pas sur les noms des niveaux`,
    );
  return { notes, lastYear };
}
