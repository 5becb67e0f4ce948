import { Option, type Command } from 'commander';
import { SCORE_FORMATS, type ScoreFormat } from '../output/scores/formats.js';
import type { Run } from './define.js';
import { scoringOptions, type PipelineOptions } from './scoring-wiring.js';

export interface ScoreOptions extends PipelineOptions {
  format: ScoreFormat;
  out?: string;
  quiet?: boolean;
}

export function defineScore(program: Command, run: Run): void {
  scoringOptions(
    program
      .command('score')
      .summary('note les dossiers d’un export')
      .description(
        'Note chaque dossier : strate selon le type et la population (vérifiée auprès de l’INSEE), points par question, ' +
          'sous-note par volet, total pondéré sur 100, niveau proposé, conditions, puis niveau final après décisions du jury.',
      )
      .argument('<export>', 'export démarches simplifiées (CSV, JSON ou XLSX)'),
  )
    .addOption(new Option('-f, --format <format>', 'format de sortie').choices(SCORE_FORMATS).default('table'))
    .option('-o, --out <fichier>', 'écrit le résultat dans ce fichier (sinon : la sortie standard)')
    .option('-q, --quiet', 'sans message sur la sortie d’erreur')
    .addHelpText(
      'after',
      '\nExemples :\n  tnl score fixtures/ds-2024.json --edition 2024\n  tnl score fixtures/ds-2024.csv --edition 2024 --decisions jury.yaml --format csv --out notes-2024.csv',
    )
    .action((file: string, opts: ScoreOptions) => run(async (io) => (await import('./score.js')).scoreCommand(file, opts, io)));
}
