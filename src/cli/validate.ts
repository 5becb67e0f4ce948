import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../findings/errors.js';
import { hasErrors, strictify, type Finding } from '../findings/finding.js';
import { checkEditionFiles, displayPath, editionFiles, questionnaireFor, readYaml } from '../files/edition-files.js';
import { questionnaireFromSource, rubricFromSource, sniffKind } from '../edition/from-source.js';
import { bundled } from '../files/paths.js';
import { formatFindings } from '../output/findings/formatters.js';
import type { Io } from './io.js';
import { at, rootOf } from './paths.js';
import { parseYear } from './run.js';
import type { ValidateOptions } from './validate-wiring.js';
import { findingAt, isRecord, type YamlSource } from '../util/yaml-source.js';
import type { Questionnaire } from '../edition/types.js';
import { checkResults } from '../history/archive.js';
import { checkPreviousLevelsAgainst } from '../edition/rubric-checks.js';
import type { RawRubric } from '../edition/rubric.js';
import { checkResultsFileCached, resultsDir } from '../files/archive-files.js';

/** The years of the editions found in a root (or the bundled ones). */
export function listEditions(root?: string): number[] {
  const dir = root ? join(root, 'questionnaires') : bundled.questionnaires;
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((f) => /^(\d{4})\.yaml$/.exec(f)?.[1])
    .filter((y): y is string => y !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}

export function validateCommand(files: string[], opts: ValidateOptions, io: Io): number {
  const root = rootOf(io, opts.root);
  const scales: ScaleCache = new Map();
  if (opts.edition && files.length) throw new UsageError('donnez soit --edition, soit des fichiers, pas les deux');
  const findings: Finding[] = [];
  const checked: string[] = [];

  if (files.length) {
    findings.push(
      ...validateFiles(
        files.map((f) => at(io, f)),
        checked,
        scales,
      ),
    );
  } else {
    const years = opts.edition ? [parseYear(opts.edition)] : listEditions(root);
    if (!years.length) throw new UsageError('aucune édition trouvée');
    for (const year of years) {
      const f = editionFiles(year, root);
      checked.push(displayPath(f.questionnaire), displayPath(f.rubric));
      const loaded = checkEditionFiles(f);
      findings.push(...loaded.findings);
      if (loaded.value) findings.push(...sameDemarcheAsBefore(loaded.value.questionnaire, f.questionnaire, root));
      if (loaded.value?.rubric.previousLevels) findings.push(...previousLevelsAgainstBefore(year, f.rubric, scales, root));
    }
    // The results archive: every file without --edition, that year's with it.
    const dir = resultsDir(root);
    const results = existsSync(dir)
      ? readdirSync(dir)
          .filter((f) => /^\d{4}\.yaml$/.test(f) && (!opts.edition || f === `${years[0]}.yaml`))
          .sort()
      : [];
    for (const f of results) {
      const r = checkResultsFileCached(join(dir, f), (year) => levelsOf(year, scales, root));
      checked.push(r.file);
      findings.push(...r.findings);
    }
  }
  const final = opts.strict ? strictify(findings) : findings;
  io.stdout.write(formatFindings(opts.format, final, checked));
  return hasErrors(final) ? 1 : 0;
}

/**
 * An edition whose démarche number is that of an earlier edition: most likely copied by tnl init
 * and not updated (an export of last year's démarche would then be read as this year's).
 */
function sameDemarcheAsBefore(questionnaire: Questionnaire, file: string, root?: string): Finding[] {
  const number = questionnaire.demarche?.number;
  if (number === undefined) return [];
  for (const year of listEditions(root).filter((y) => y < questionnaire.edition)) {
    const d = checkEditionFiles(editionFiles(year, root)).value?.questionnaire.demarche?.number;
    if (d === number) {
      const { source: mine } = readYaml(file);
      return [
        findingAt(
          mine,
          'questionnaire/demarche-number',
          `la démarche ${number} est aussi celle de l’édition ${year} : mettez à jour le numéro de la démarche de ${questionnaire.edition}`,
          ['demarche', 'number'],
          { severity: 'warning' },
        ),
      ];
    }
  }
  return [];
}

/** `previous_levels` against the scale of the edition before, when the workspace has it. */
function previousLevelsAgainstBefore(year: number, file: string, scales: ScaleCache, root?: string): Finding[] {
  const before = listEditions(root)
    .filter((y) => y < year)
    .at(-1);
  const levels = before === undefined ? undefined : levelsOf(before, scales, root);
  if (before === undefined || !levels) return [];
  const { source } = readYaml(file);
  return isRecord(source.data) ? checkPreviousLevelsAgainst(source.data as unknown as RawRubric, before, levels, source) : [];
}

/** Validates files given on the command line, pairing each rubric with its questionnaire. */
function validateFiles(files: string[], checked: string[], scales: ScaleCache): Finding[] {
  const findings: Finding[] = [];
  const parsed = files.map((file) => ({ file, ...readYaml(file) }));
  const questionnaires = new Map<number, ReturnType<typeof questionnaireFromSource>>();
  for (const p of parsed) {
    const kind = sniffKind(p.source.data);
    checked.push(displayPath(p.file));
    if (kind === 'questionnaire') {
      const loaded = questionnaireFromSource(p.source);
      findings.push(...loaded.findings);
      const year = isRecord(p.source.data) ? Number(p.source.data.edition) : NaN;
      if (loaded.value) questionnaires.set(year, loaded);
    } else if (kind === 'results') {
      findings.push(...checkResultsFile(p.source, scales));
    } else if (kind === 'unknown') {
      findings.push({
        severity: 'error',
        rule: 'file/unknown-kind',
        message: 'type de fichier non reconnu : ni questionnaire (questions, identity), ni barème (strata, levels), ni résultats (laureates)',
        file: p.source.file,
        line: 1,
        column: 1,
      });
    }
  }
  for (const p of parsed) {
    if (sniffKind(p.source.data) !== 'rubric') continue;
    const year = isRecord(p.source.data) ? Number(p.source.data.edition) : NaN;
    let questionnaire = questionnaires.get(year)?.value;
    if (!questionnaire && Number.isInteger(year)) {
      const qFile = questionnaireFor(p.file, year);
      if (qFile) {
        const loaded = questionnaireFromSource(readYaml(qFile).source);
        findings.push(...loaded.findings);
        questionnaire = loaded.value;
      }
    }
    if (!questionnaire) {
      findings.push({
        severity: 'error',
        rule: 'rubric/no-questionnaire',
        message: `questionnaire de l’édition ${Number.isInteger(year) ? year : '?'} introuvable : donnez-le aussi en argument`,
        file: p.source.file,
        line: 1,
        column: 1,
      });
      continue;
    }
    findings.push(...rubricFromSource(p.source, questionnaire).findings);
  }
  return findings;
}

/** The levels of each edition's rubric, read once per run (a results file per edition asks). */
type ScaleCache = Map<string, string[] | undefined>;

/** A results file, its levels checked against the rubric of its edition when there is one. */
function checkResultsFile(source: YamlSource, scaleCache: ScaleCache, root?: string): Finding[] {
  const year = isRecord(source.data) ? Number(source.data.edition) : NaN;
  return checkResults(source, Number.isInteger(year) ? levelsOf(year, scaleCache, root) : undefined).findings;
}

/** The level ids of an edition's rubric, when tnl has that edition (read once per run). */
function levelsOf(year: number, scaleCache: ScaleCache, root?: string): string[] | undefined {
  const key = `${root ?? ''}|${year}`;
  if (!scaleCache.has(key)) {
    const f = editionFiles(year, root);
    scaleCache.set(key, existsSync(f.questionnaire) && existsSync(f.rubric) ? checkEditionFiles(f).value?.rubric.levels.map((l) => l.id) : undefined);
  }
  return scaleCache.get(key);
}
