import { join } from 'node:path';
import { chalk } from '../output/colors.js';
import { listEditions, validateCommand } from './validate.js';

export interface DemoOptions {
  out: string;
}

const step = (title: string): void => {
  process.stdout.write(`\n${chalk.bold.cyan(`▶ ${title}`)}\n`);
};

/** `npm start`: the main jobs on the bundled example edition. */
export function demoCommand(opts: DemoOptions): number {
  const out = opts.out;
  process.stdout.write(chalk.bold('tnl — démonstration sur les éditions fournies\n'));
  let worst = 0;
  for (const year of listEditions()) {
    step(`Vérification de l’édition ${year} (questionnaire et barème)`);
    worst = Math.max(worst, validateCommand([], { edition: String(year), format: 'stylish' }));
  }
  process.stdout.write(`\nSorties dans ${join(out)}/\n`);
  return worst;
}
