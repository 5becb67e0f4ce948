import { join } from 'node:path';
import { bundled } from '../files/paths.js';
import { chalk } from '../output/colors.js';
import { explainCommand } from './explain.js';
import { juryAssignCommand, juryCollectCommand, jurySheetsCommand } from './jury.js';
import { reportCommand } from './report.js';
import { NoBrowserError } from '../report/pdf.js';
import { scoreCommand } from './score.js';
import { simulateurCommand } from './simulateur.js';
import { listEditions, validateCommand } from './validate.js';
import type { DemoOptions } from './demo-wiring.js';
import type { Io } from './io.js';

/** `npm start`: the main jobs on the bundled example edition, outputs under out/. */
export async function demoCommand(opts: DemoOptions, io: Io): Promise<number> {
  // Paths as the user gave them: each command resolves them against the working directory.
  const out = opts.out;
  const step = (title: string): void => {
    io.stdout.write(`\n${chalk.bold.cyan(`▶ ${title}`)}\n`);
  };
  const fixture = join(bundled.fixtures, 'ds-2024.json');
  io.stdout.write(chalk.bold('tnl — démonstration sur l’édition d’exemple 2024\n'));
  let worst = 0;
  for (const year of listEditions()) {
    step(`Vérification de l’édition ${year} (questionnaire et barème)`);
    worst = Math.max(worst, validateCommand([], { edition: String(year), format: 'stylish' }, io));
  }
  step('Le jury : affectation sans conflit d’intérêts, grilles de notation, notes réunies (fixtures/jury-2024/)');
  const jurors = join(bundled.fixtures, 'jures-2024.yaml');
  const juryOut = join(out, 'jury');
  const jury = { edition: '2024', jurors };
  worst = Math.max(worst, await juryAssignCommand(fixture, { ...jury, parDossier: '2', out: join(juryOut, 'affectation-2024.yaml'), force: true }, io));
  worst = Math.max(
    worst,
    await jurySheetsCommand(fixture, { ...jury, assignment: join(juryOut, 'affectation-2024.yaml'), out: join(juryOut, 'grilles'), force: true }, io),
  );
  // The sheets the example jurors filled in, read back: a disagreement and a missing grade are said.
  const filled = join(bundled.fixtures, 'jury-2024');
  const grades = join(juryOut, 'notes-2024.yaml');
  const sheets = ['cgarnier', 'lbernard', 'mrobert', 'pmoreau', 'tnguyen'].map((j) => join(filled, `grille-${j}.xlsx`));
  worst = Math.max(
    worst,
    await juryCollectCommand(
      fixture,
      sheets,
      { ...jury, assignment: join(filled, 'affectation-2024.yaml'), out: grades, consolidation: 'median', force: true },
      io,
    ),
  );
  step('Notation des 24 dossiers de l’export d’exemple (fixtures/ds-2024.json), avec les notes du jury');
  worst = Math.max(worst, await scoreCommand(fixture, { edition: '2024', grades, format: 'table' }, io));
  const written: string[] = [join(juryOut, 'affectation-2024.yaml'), join(juryOut, 'grilles'), grades];
  for (const format of ['md', 'csv', 'json'] as const) {
    const file = join(out, `notes-2024.${format}`);
    await scoreCommand(fixture, { edition: '2024', grades, format, out: file, quiet: true }, io);
    written.push(file);
  }
  const explained = join(out, 'explication-118357.md');
  await explainCommand(fixture, { edition: '2024', grades, dossier: '118357', format: 'md', out: explained }, io);
  written.push(explained);
  step('Documents de presse de l’édition 2024 (archive des résultats et fixtures/press-2024.yaml)');
  const press = join(bundled.fixtures, 'press-2024.yaml');
  const docs: [string, 'md' | 'html' | 'pdf', string][] = [
    ['communique', 'md', 'communique-2024.md'],
    ['communique', 'pdf', 'communique-2024.pdf'],
    ['resultats', 'html', 'resultats-2024.html'],
    ['dossier-de-presse', 'pdf', 'dossier-de-presse-2024.pdf'],
  ];
  for (const [doc, format, name] of docs) {
    const file = join(out, name);
    try {
      await reportCommand(doc, { edition: '2024', press, format, out: file }, io);
      written.push(file);
    } catch (e) {
      if (e instanceof NoBrowserError) {
        // A newcomer's machine may have no Chromium yet: the HTML is written instead, the demo goes on.
        io.stderr.write(`${file} : PDF non produit — ${e.message}\n`);
        written.push(file.replace(/\.pdf$/, '.html'));
        continue;
      }
      io.stderr.write(`${file} : ${(e as Error).message}\n`);
      worst = Math.max(worst, 2);
    }
  }
  const appel = join(out, 'appel-2025.md');
  await reportCommand('appel', { edition: '2025', press: join(bundled.fixtures, 'appel-2025.yaml'), format: 'md', out: appel }, io);
  written.push(appel);
  step('Page d’auto-évaluation de l’édition 2025, pour les collectivités (tnl simulateur)');
  const simulator = join(out, 'simulateur-2025.html');
  worst = Math.max(worst, simulateurCommand({ edition: '2025', out: simulator }, io));
  written.push(simulator);
  step('Fichiers écrits');
  for (const f of written) io.stdout.write(`  ${f}\n`);
  return worst;
}
