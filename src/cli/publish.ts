import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { checkDecisions } from '../decisions/decisions.js';
import { displayPath, loadEdition, readYaml } from '../files/edition-files.js';
import { FindingsError, InputError, UsageError } from '../findings/errors.js';
import { resultsYaml } from '../history/archive.js';
import { assertValidResultsText, resultsDir } from '../files/archive-files.js';
import { resultsFromScores, scoredDossierProblems, type ScoredDossier } from '../history/publish.js';
import { parseJsonText } from '../ingest/ds-json.js';
import { writeAtomic } from '../files/atomic-write.js';
import { readTextInput } from '../files/read-input.js';
import { isRecord } from '../util/yaml-source.js';
import type { PublishOptions } from './publish-wiring.js';
import type { Io } from './io.js';
import { at, rootOf } from './paths.js';
import { parseYear } from './run.js';

/** `tnl publish`: the final results of an edition into the archive, results/<year>.yaml. */
export function publishCommand(opts: PublishOptions, io: Io): number {
  const year = parseYear(opts.edition);
  const { edition } = loadEdition(year, rootOf(io, opts.root));
  const file = displayPath(at(io, opts.scores));
  const data = parseJsonText(readTextInput(at(io, opts.scores)).text, file);
  if (!isRecord(data) || !isRecord(data.provenance) || !Array.isArray(data.dossiers))
    throw new InputError('ce n’est pas un fichier de notes : produisez-le avec « tnl score … --format json --out notes.json »', file);
  if (data.provenance.edition !== year) throw new InputError(`ces notes sont celles de l’édition ${String(data.provenance.edition)}, pas de ${year}`, file);
  const problems = scoredDossierProblems(data.dossiers);
  if (problems.length)
    throw new FindingsError(
      `fichier de notes invalide (${problems.length} problème${problems.length > 1 ? 's' : ''}) : produisez-le avec « tnl score … --format json », sans le modifier à la main`,
      problems.slice(0, 20).map((message) => ({ file, message })),
    );
  const dossiers = data.dossiers as ScoredDossier[];
  let decisions;
  if (opts.decisions) {
    const { source } = readYaml(at(io, opts.decisions));
    const checked = checkDecisions(
      source,
      edition,
      dossiers.map((d) => d.number),
    );
    if (!checked.decisions) throw new FindingsError('décisions du jury invalides :', checked.findings);
    decisions = checked.decisions;
  }
  // The applications are the dossiers deposited (any state), not only those kept for scoring.
  const summary = isRecord(data.summary) ? data.summary : {};
  const deposited =
    typeof summary.deposited === 'number' && Number.isSafeInteger(summary.deposited) && summary.deposited >= dossiers.length ? summary.deposited : undefined;
  if (deposited === undefined)
    io.stderr.write(
      `attention : ${file} ne dit pas combien de dossiers ont été déposés (notes d’une version antérieure de tnl) : ${dossiers.length} candidatures comptées, celles qui ont été notées ; corrigez « applications » dans le fichier écrit si d’autres dossiers ont été déposés\n`,
    );
  const results = resultsFromScores(edition, dossiers, decisions, deposited ?? dossiers.length);
  const out = join(resultsDir(rootOf(io, opts.root)), `${year}.yaml`);
  if (existsSync(out) && !opts.force) throw new UsageError(`${displayPath(out)} existe déjà : relisez-le, puis --force pour le remplacer`);
  const header = [
    `Résultats de la ${edition.questionnaire.number}e édition (${year}) du label Territoire Numérique Libre.`,
    `Écrit par tnl publish à partir de ${file}${opts.decisions ? ` et de ${displayPath(at(io, opts.decisions))}` : ''}.`,
    'Complétez la cérémonie, le jury et la date de publication avant de produire les documents de presse.',
  ];
  const text = resultsYaml(results, header);
  assertValidResultsText(
    text,
    displayPath(out),
    edition.rubric.levels.map((l) => l.id),
  );
  writeAtomic(out, text);
  io.stderr.write(
    `${results.laureates.length} lauréats de l’édition ${year} (${results.published.applications} candidatures déposées, ${dossiers.length} notées) écrits dans ${displayPath(out)}\n`,
  );
  return 0;
}
