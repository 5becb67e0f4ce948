import { join } from 'node:path';
import { bundled } from '../paths.js';
import { chalk } from '../output/colors.js';
import { explainCommand } from './explain.js';
import { scoreCommand } from './score.js';
import { listEditions, validateCommand } from './validate.js';

export interface DemoOptions {
  out: string;
}

const step = (title: string): void => {
  process.stdout.write(`\n${chalk.bold.cyan(`▶ ${title}`)}\n`);
};

/** `npm start`: the main jobs on the bundled example edition, outputs under out/. */
export function demoCommand(opts: DemoOptions): number {
  const out = opts.out;
  const fixture = join(bundled.fixtures, 'ds-2024.json');
  process.stdout.write(chalk.bold('tnl — démonstration sur l’édition d’exemple 2024\n'));
  let worst = 0;
  for (const year of listEditions()) {
    step(`Vérification de l’édition ${year} (questionnaire et barème)`);
    worst = Math.max(worst, validateCommand([], { edition: String(year), format: 'stylish' }));
  }
  step('Notation des 24 dossiers de l’export d’exemple (fixtures/ds-2024.json)');
  worst = Math.max(worst, scoreCommand(fixture, { edition: '2024', format: 'table' }));
  const written: string[] = [];
  for (const format of ['md', 'csv', 'json'] as const) {
    const file = join(out, `notes-2024.${format}`);
    scoreCommand(fixture, { edition: '2024', format, out: file, quiet: true });
    written.push(file);
  }
  const explained = join(out, 'explication-118357.md');
  explainCommand(fixture, { edition: '2024', dossier: '118357', format: 'md', out: explained });
  written.push(explained);
  step('Fichiers écrits');
  for (const f of written) process.stdout.write(`  ${f}\n`);
  return worst;
}
