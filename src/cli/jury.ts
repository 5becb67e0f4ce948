import { existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { Edition } from '../edition/types.js';
import { makeDir, writeAtomic } from '../files/atomic-write.js';
import { displayPath, loadEdition, readYaml } from '../files/edition-files.js';
import { schemaPath } from '../files/paths.js';
import { readExportAsync } from '../files/read-export.js';
import { FindingsError, UsageError } from '../findings/errors.js';
import { hasErrors, type Finding } from '../findings/finding.js';
import { parseStates, type Dossier } from '../ingest/dossier.js';
import { consolidate, gradesYaml, readSheet, type SheetGrade } from '../jury/grades.js';
import { sheetViews } from '../jury/sheets.js';
import { assignJurors, assignmentYaml, checkAssignment, impossibleText } from '../jury/assign.js';
import { checkJurors, juryDossier, type JuryDossier, type Juror } from '../jury/jurors.js';
import { formatFindings } from '../output/findings/formatters.js';
import { count, didYouMean } from '../util/french.js';
import { closest } from '../util/suggest.js';
import type { Io } from './io.js';
import type { JuryAssignOptions, JuryCheckOptions, JuryCollectOptions, JuryOptions, JurySheetsOptions } from './jury-wiring.js';
import { at, rootOf, templatesOf } from './paths.js';
import { pdfPageCount as pdfPages } from '../report/pdf-pages.js';
import { parseYear } from './run.js';

/** The jurors (checked) and the dossiers of the export, as the jury's commands all need them. */
async function juryInputs(
  file: string,
  opts: JuryOptions,
  io: Io,
): Promise<{ year: number; edition: Edition; jurors: Juror[]; dossiers: JuryDossier[]; read: Dossier[] }> {
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
  return { year, edition, jurors: checked.jurors, dossiers: read.dossiers.map(juryDossier), read: read.dossiers };
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

/** The assignment, re-checked before any later step: errors stop the step, warnings are said. */
async function checkedAssignment(file: string, opts: JuryOptions & { assignment: string }, io: Io) {
  const inputs = await juryInputs(file, opts, io);
  const assignmentFile = at(io, opts.assignment);
  const checked = checkAssignment(readYaml(assignmentFile).source, inputs.year, inputs.jurors, inputs.dossiers);
  if (!checked.assignment || hasErrors(checked.findings))
    throw new FindingsError(
      `affectation invalide : ${displayPath(assignmentFile)} (vérifiez-la avec « tnl jury check »)`,
      checked.findings.filter((f) => f.severity === 'error'),
    );
  for (const f of checked.findings) io.stderr.write(`${displayPath(assignmentFile)}:${f.line}:${f.column} : attention : ${f.message}\n`);
  return { ...inputs, assignment: checked.assignment };
}

function needCriteria(edition: Edition): void {
  if (!edition.rubric.jury)
    throw new UsageError(`le barème de l’édition ${edition.year} n’a pas de critères du jury : ajoutez une section « jury » (voir le README)`);
}

/** `tnl jury sheets`: one grading workbook per juror, and the juror's booklet (the cahier, reduced to their dossiers). */
export async function jurySheetsCommand(file: string, opts: JurySheetsOptions, io: Io): Promise<number> {
  const { edition, jurors, assignment, read } = await checkedAssignment(file, opts, io);
  needCriteria(edition);
  const dir = at(io, opts.out);
  if (opts.jure !== undefined && !jurors.some((j) => j.id === opts.jure))
    throw new UsageError(
      `juré « ${opts.jure} » inconnu.${didYouMean(
        closest(
          opts.jure,
          jurors.map((j) => j.id),
        ),
      )}`,
    );
  const views = sheetViews(edition, jurors, assignment, read).filter((v) => opts.jure === undefined || v.juror.id === opts.jure);
  // A sheet already in the folder may be one a juror filled in: never replaced without --force.
  const existing = views
    .flatMap((v) => [`grille-${v.juror.id}.xlsx`, ...(opts.sansCahier ? [] : [`cahier-${v.juror.id}.pdf`, `cahier-${v.juror.id}.html`])])
    .filter((name) => existsSync(join(dir, name)));
  if (existing.length && !opts.force)
    throw new UsageError(
      `${opts.out} contient déjà ${existing.join(', ')} (une grille a pu y être remplie) : choisissez un autre dossier, ou remplacez-les avec --force`,
    );
  makeDir(dir);
  const { gradingWorkbook } = await import('../files/jury-workbook.js');
  for (const view of views) {
    writeAtomic(join(dir, `grille-${view.juror.id}.xlsx`), await gradingWorkbook(view));
    io.stderr.write(`${join(opts.out, `grille-${view.juror.id}.xlsx`)} : ${count(new Set(view.rows.map((r) => r.dossier)).size, 'dossier')}\n`);
  }
  if (!opts.sansCahier)
    await writeBooklets(
      file,
      opts,
      io,
      views.map((v) => ({ juror: v.juror, dossiers: new Set(v.rows.map((r) => r.dossier)) })),
    );
  return 0;
}

/** Each juror's booklet: the cahier of their dossiers only (HTML when no browser can print it). */
async function writeBooklets(file: string, opts: JurySheetsOptions, io: Io, booklets: { juror: Juror; dossiers: Set<string> }[]): Promise<void> {
  const { scoreExport } = await import('./pipeline.js');
  const { cahierView } = await import('../report/cahier.js');
  const s = await scoreExport(file, { edition: opts.edition, ...(opts.root ? { root: opts.root } : {}), ...(opts.state ? { state: opts.state } : {}) }, io);
  const views = booklets.map((b) => ({
    juror: b.juror,
    vm: {
      ...cahierView(
        s.edition,
        s.results.filter((r) => b.dossiers.has(r.card.number)),
        s.read.dossiers.filter((d) => b.dossiers.has(d.number)),
        undefined,
        s.lastYear,
      ),
      title: `Cahier de ${b.juror.name} — jury de l’édition ${s.edition.year}`,
    },
  }));
  const dir = at(io, opts.out);
  const templates = templatesOf(io, opts);
  const { NoBrowserError, PdfRenderer } = await import('../report/pdf.js');
  let renderer;
  try {
    renderer = await PdfRenderer.launch(io.env);
  } catch (e) {
    if (!(e instanceof NoBrowserError)) throw e;
    const { embeddedFonts, render } = await import('../files/templates.js');
    for (const { juror, vm } of views)
      writeAtomic(
        join(dir, `cahier-${juror.id}.html`),
        await render('cahier.html.hbs', { ...vm, fonts: embeddedFonts() }, { ...(templates ? { dir: templates } : {}), trusted: ['fonts'] }),
      );
    io.stderr.write(`cahiers des jurés écrits en HTML (cahier-<juré>.html), pas en PDF : ${e.message}\n`);
    return;
  }
  try {
    const { printCahier } = await import('./cahier.js');
    for (const { juror, vm } of views) {
      const pdf = await printCahier(renderer, vm, `Cahier de ${juror.name}`, templates, io);
      writeAtomic(join(dir, `cahier-${juror.id}.pdf`), pdf);
      io.stderr.write(`${join(opts.out, `cahier-${juror.id}.pdf`)} : ${count(pdfPages(pdf), 'page')}\n`);
    }
  } finally {
    await renderer.close();
  }
}

/** `tnl jury collect`: the filled sheets read, checked, consolidated into the grades file. */
export async function juryCollectCommand(file: string, sheets: string[], opts: JuryCollectOptions, io: Io): Promise<number> {
  const out = opts.out ? at(io, opts.out) : undefined;
  if (out && existsSync(out) && !opts.force) throw new UsageError(`${opts.out} existe déjà : remplacez-le avec --force`);
  const { year, edition, jurors, assignment } = await checkedAssignment(file, opts, io);
  needCriteria(edition);
  const { readGradingSheet } = await import('../files/jury-workbook.js');
  const findings: Finding[] = [];
  const all: SheetGrade[] = [];
  const sheetOf = new Map<string, string>();
  for (const sheet of sheets) {
    const table = await readGradingSheet(at(io, sheet));
    const r = readSheet(
      table,
      edition,
      assignment,
      jurors.map((j) => j.id),
    );
    findings.push(...r.findings);
    if (r.juror && sheetOf.has(r.juror)) {
      findings.push({
        severity: 'error',
        rule: 'jury/duplicate-sheet',
        message: `${table.file} : deuxième grille de ${r.juror} (la première : ${sheetOf.get(r.juror)})`,
        file: table.file,
      });
      continue;
    }
    if (r.juror) sheetOf.set(r.juror, table.file);
    all.push(...r.grades);
  }
  for (const j of jurors)
    if (!sheetOf.has(j.id) && [...assignment.values()].some((list) => list.includes(j.id)))
      findings.push({ severity: 'warning', rule: 'jury/missing-sheet', message: `pas de grille de ${j.id} parmi les fichiers donnés : ses notes manquent` });
  const { grades, findings: consolidated } = consolidate(all, edition, assignment, opts.consolidation);
  findings.push(...consolidated);
  const errors = findings.filter((f) => f.severity === 'error');
  for (const f of findings) io.stderr.write(`${f.severity === 'error' ? 'erreur' : 'attention'} : ${f.message}\n`);
  if (errors.length) {
    io.stderr.write(`tnl : ${count(errors.length, 'erreur')} dans les grilles : corrigez-les ; le fichier des notes n’est pas écrit\n`);
    return 1;
  }
  const yaml = gradesYaml(year, opts.consolidation, grades, relative(out ? dirname(out) : io.cwd, schemaPath('grades')));
  if (out) writeAtomic(out, yaml);
  else io.stdout.write(yaml);
  const disagreements = consolidated.filter((f) => f.rule === 'jury/disagreement').length;
  const incomplete = [...grades.values()].filter((c) => [...c.values()].some((g) => g.grade === undefined)).length;
  io.stderr.write(
    `${count(all.length, 'note')} de ${count(sheetOf.size, 'juré')} réunie${all.length > 1 ? 's' : ''} (${opts.consolidation === 'median' ? 'médiane' : 'moyenne'}) ; ${count(disagreements, 'désaccord')} à discuter ; ${count(incomplete, 'dossier')} sans toutes ses notes${out ? ` → ${opts.out}` : ''}\n`,
  );
  return 0;
}
