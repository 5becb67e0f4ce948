import { existsSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { writeAtomic } from '../files/atomic-write.js';
import { displayPath, loadEdition, readYaml } from '../files/edition-files.js';
import { schemaPath } from '../files/paths.js';
import { readExportAsync } from '../files/read-export.js';
import { FindingsError, UsageError } from '../findings/errors.js';
import { hasErrors } from '../findings/finding.js';
import { parseStates } from '../ingest/dossier.js';
import { assignJurors, assignmentYaml, checkAssignment, impossibleText } from '../jury/assign.js';
import { checkJurors, juryDossier, type JuryDossier, type Juror } from '../jury/jurors.js';
import { formatFindings } from '../output/findings/formatters.js';
import { count } from '../util/french.js';
import type { Io } from './io.js';
import type { JuryAssignOptions, JuryCheckOptions, JuryOptions } from './jury-wiring.js';
import { at, rootOf } from './paths.js';
import { parseYear } from './run.js';

/** The jurors (checked) and the dossiers of the export, as the jury's commands all need them. */
async function juryInputs(file: string, opts: JuryOptions, io: Io): Promise<{ year: number; jurors: Juror[]; dossiers: JuryDossier[] }> {
  const year = parseYear(opts.edition);
  const { edition } = loadEdition(year, rootOf(io, opts.root));
  const jurorsFile = at(io, opts.jurors);
  const checked = checkJurors(readYaml(jurorsFile).source, year);
  if (!checked.jurors || hasErrors(checked.findings))
    throw new FindingsError(
      `jurés invalides : ${displayPath(jurorsFile)}`,
      checked.findings.filter((f) => f.severity === 'error'),
    );
  const read = await readExportAsync(at(io, file), edition.questionnaire, { states: parseStates(opts.state) });
  if (!read.dossiers.length) throw new UsageError(`aucun dossier retenu dans ${read.file} (états : ${parseStates(opts.state).join(', ')}) : rien à affecter`);
  return { year, jurors: checked.jurors, dossiers: read.dossiers.map(juryDossier) };
}

/** `tnl jury assign`: k jurors per dossier, no conflict, balanced; an existing file is never replaced silently. */
export async function juryAssignCommand(file: string, opts: JuryAssignOptions, io: Io): Promise<number> {
  const perDossier = Number(opts.parDossier);
  if (!Number.isInteger(perDossier) || perDossier < 1 || perDossier > 20)
    throw new UsageError(`--par-dossier attend un nombre entier de 1 à 20, pas « ${opts.parDossier} »`);
  const out = opts.out ? at(io, opts.out) : undefined;
  if (out && existsSync(out) && !opts.force)
    throw new UsageError(`${opts.out} existe déjà (il a pu être modifié à la main) : vérifiez-le avec « tnl jury check », ou remplacez-le avec --force`);
  const { year, jurors, dossiers } = await juryInputs(file, opts, io);
  if (jurors.length < perDossier)
    throw new UsageError(`${count(jurors.length, 'juré')} pour ${perDossier} par dossier : ajoutez des jurés, ou baissez --par-dossier`);
  const result = assignJurors(dossiers, jurors, perDossier);
  if (result.impossible.length) {
    io.stderr.write(
      `tnl : affectation impossible pour ${count(result.impossible.length, 'dossier')} (rien n’est écrit) :\n${result.impossible.map((x) => `  ${impossibleText(x, perDossier)}\n`).join('')}`,
    );
    return 1;
  }
  const schema = relative(out ? dirname(out) : io.cwd, schemaPath('assignment'));
  const yaml = assignmentYaml(year, perDossier, dossiers, result, schema);
  if (out) writeAtomic(out, yaml);
  else io.stdout.write(yaml);
  const loads = [...result.loads].map(([j, n]) => `${j} ${n}`).join(', ');
  io.stderr.write(
    `${count(dossiers.length, 'dossier')}, ${count(perDossier, 'juré')} chacun, aucun conflit d’intérêts ; charge : ${loads}${
      result.balanced ? '' : ' — déséquilibrée : les conflits d’intérêts ne permettent pas mieux'
    }${out ? ` → ${opts.out}` : ''}\n`,
  );
  return 0;
}

/** `tnl jury check`: an assignment, perhaps edited by hand, re-checked against the jurors and the export. */
export async function juryCheckCommand(file: string, opts: JuryCheckOptions, io: Io): Promise<number> {
  const { year, jurors, dossiers } = await juryInputs(file, opts, io);
  const assignmentFile = at(io, opts.assignment);
  const { findings } = checkAssignment(readYaml(assignmentFile).source, year, jurors, dossiers);
  io.stdout.write(formatFindings(opts.format, findings, [displayPath(assignmentFile)]));
  return hasErrors(findings) ? 1 : 0;
}
