import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { checkEditionFiles, displayPath, editionFiles, loadEdition, loadQuestionnaire, questionnaireFor, readYaml } from '../files/edition-files.js';
import { parseYear } from './run.js';
import { rubricFromSource } from '../edition/from-source.js';
import type { Edition } from '../edition/types.js';
import { FindingsError, InputError, UsageError } from '../findings/errors.js';
import { readExportAsync, readRepetitionFile } from '../files/read-export.js';
import { compareRubrics } from '../scoring/compare.js';
import { dossierGrades } from '../jury/grades.js';
import { loadGrades } from './pipeline.js';
import { isRecord } from '../util/yaml-source.js';
import { parseStates } from '../ingest/dossier.js';
import { RUBRIC_DIFF_RENDERERS } from '../output/rubric-diff.js';
import type { Io } from './io.js';
import { at, atOptional, rootOf } from './paths.js';
import type { RubricDiffOptions } from './rubric-diff-wiring.js';

/** A rubric file as an Edition, paired with its questionnaire (beside it, or bundled). */
function editionOf(rubricFile: string, questionnaireFile: string | undefined, root: string | undefined): Edition {
  // A rubric named after its year, with its questionnaire found: through the cache of checked editions.
  const named = /(?:^|[/\\])(\d{4})\.yaml$/.exec(rubricFile)?.[1];
  const pair = questionnaireFile ?? (named ? questionnaireFor(rubricFile, Number(named), root) : undefined);
  if (named && pair) {
    const checked = checkEditionFiles({ questionnaire: pair, rubric: rubricFile });
    if (checked.value && checked.value.year === Number(named)) return checked.value;
  }
  const { source, hash } = readYaml(rubricFile);
  const year = isRecord(source.data) ? Number(source.data.edition) : NaN;
  const qFile = questionnaireFile ?? (Number.isInteger(year) ? questionnaireFor(rubricFile, year, root) : undefined);
  if (!qFile) throw new InputError(`questionnaire de l’édition ${Number.isInteger(year) ? year : '?'} introuvable : --questionnaire`, source.file);
  const qn = loadQuestionnaire(qFile);
  if (!qn.value) throw new FindingsError(`questionnaire invalide (${displayPath(qFile)}) :`, qn.findings);
  const rb = rubricFromSource(source, qn.value);
  if (!rb.value)
    throw new FindingsError(
      `barème invalide (${source.file}) ; « tnl validate » pour le détail :`,
      rb.findings.filter((f) => f.severity === 'error'),
    );
  return {
    year,
    questionnaire: qn.value,
    rubric: rb.value,
    rubricHash: hash,
    questionnaireHash: qn.hash,
    files: { questionnaire: displayPath(qFile), rubric: source.file },
  };
}

/**
 * The rubric as it was at a git revision (for a merge request: the target branch). The revision is
 * never read by git as an option (`--output=…` would make it write a file): it is refused when it
 * starts with « - », then resolved to a commit after --end-of-options, and only that hash is used.
 */
function rubricAtRevision(rev: string, file: string): { file: string; dir: string } {
  if (!rev || rev.startsWith('-') || /[\u0000-\u001f\u007f]/.test(rev))
    throw new UsageError(`révision git invalide « ${rev.replace(/[\u0000-\u001f\u007f]/g, '?')} » (exemples : origin/main, HEAD~1, v2025)`);
  const abs = resolve(file);
  const git = (args: string[], cwd: string) =>
    execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 16 * 1024 * 1024, timeout: 30_000 });
  let top: string;
  try {
    top = git(['rev-parse', '--show-toplevel'], dirname(abs)).trim();
  } catch {
    throw new UsageError('--from-rev demande un dépôt git');
  }
  let commit: string;
  try {
    commit = git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`], top).trim();
  } catch {
    throw new UsageError(`révision git inconnue « ${rev} »`);
  }
  if (!/^[0-9a-f]{40,64}$/.test(commit)) throw new UsageError(`révision git inconnue « ${rev} »`);
  let text: string;
  try {
    text = git(['show', `${commit}:${relative(top, abs).split('\\').join('/')}`], top);
  } catch {
    throw new UsageError(`le barème ${displayPath(file)} n’existe pas à la révision « ${rev} »`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'tnl-rev-'));
  const out = join(dir, 'rubrics', basename(file));
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, text);
  return { file: out, dir };
}

export async function rubricDiffCommand(exportFile: string, opts: RubricDiffOptions, io: Io): Promise<number> {
  if (opts.previousEdition !== undefined) return previousEditionDiff(exportFile, opts, io);
  if (!opts.from === !opts.fromRev) throw new UsageError('donnez l’ancien barème avec --from FICHIER ou --from-rev RÉVISION (l’un des deux)');
  const to = at(io, opts.to);
  const questionnaire = atOptional(io, opts.questionnaire);
  const root = rootOf(io, opts.root);
  const atRev = opts.fromRev === undefined ? undefined : rubricAtRevision(opts.fromRev, to);
  const fromFile = opts.from !== undefined ? at(io, opts.from) : atRev!.file;
  let toEdition: Edition;
  let fromEdition: Edition;
  try {
    toEdition = editionOf(to, questionnaire, root);
    fromEdition = editionOf(fromFile, questionnaire ?? (opts.fromRev ? (questionnaireFor(to, toEdition.year, root) ?? undefined) : undefined), root);
  } finally {
    if (atRev) rmSync(atRev.dir, { recursive: true, force: true });
  }
  const repetitions = (opts.repetitions ?? []).map((f) => readRepetitionFile(at(io, f), toEdition.questionnaire));
  const read = await readExportAsync(at(io, exportFile), toEdition.questionnaire, { states: parseStates(opts.state), repetitions });
  // The jury's grades count under both rubrics (a criterion one of them lacks is simply not scored there).
  const grades = opts.grades ? loadGrades(at(io, opts.grades), toEdition).grades : undefined;
  if (grades) for (const d of read.dossiers) d.grades = dossierGrades(grades, d.number);
  const cmp = compareRubrics(read.dossiers, fromEdition, toEdition);
  const labels = { from: opts.fromRev ? `${displayPath(to)}@${opts.fromRev}` : displayPath(fromFile), to: displayPath(to), export: read.file };
  io.stdout.write(RUBRIC_DIFF_RENDERERS[opts.format](cmp, labels));
  return opts.failOnChange && cmp.changes.length ? 1 : 0;
}

/**
 * `--previous-edition Y`: last year's export scored with last year's edition, then read with this
 * year's questionnaire (its champs found by stable id or label) and scored with the --to rubric:
 * how many of last year's dossiers would lose or gain a level with unchanged answers.
 */
async function previousEditionDiff(exportFile: string, opts: RubricDiffOptions, io: Io): Promise<number> {
  if (opts.from !== undefined || opts.fromRev !== undefined)
    throw new UsageError('--previous-edition remplace --from et --from-rev : l’ancien barème est celui de cette édition');
  const root = rootOf(io, opts.root);
  const { edition: before } = loadEdition(parseYear(opts.previousEdition!), root);
  const to = at(io, opts.to);
  const after = editionOf(to, atOptional(io, opts.questionnaire), root);
  if (after.year <= before.year) throw new UsageError(`--to (édition ${after.year}) doit être d’une édition après --previous-edition (${before.year})`);
  const states = parseStates(opts.state);
  const file = at(io, exportFile);
  const own = await readExportAsync(file, before.questionnaire, { states });
  // Last year's démarche read with this year's questionnaire, on purpose (its own number is checked just above).
  const { demarche: _demarche, ...questionnaireNow } = after.questionnaire;
  void _demarche;
  const now = await readExportAsync(file, questionnaireNow, { states });
  const cmp = compareRubrics(own.dossiers, before, after, now.dossiers);
  const labels = { from: `${displayPath(editionFiles(before.year, root).rubric)} (${before.year})`, to: displayPath(to), export: own.file };
  io.stdout.write(RUBRIC_DIFF_RENDERERS[opts.format](cmp, labels));
  return opts.failOnChange && cmp.changes.length ? 1 : 0;
}
