import { Option, type Command } from 'commander';
import { EXPLAIN_FORMATS, type ExplainFormat } from '../output/explain-formats.js';
import type { Run } from './define.js';
import { scoringOptions, type PipelineOptions } from './scoring-wiring.js';

export interface ExplainOptions extends PipelineOptions {
  dossier: string;
  format: ExplainFormat;
  out?: string;
}

export function defineExplain(program: Command, run: Run): void {
  scoringOptions(
    program
      .command('explain')
      .summary('explique la note d’un dossier, point par point')
      .description(
        'Pour un dossier : chaque question avec la réponse, les points et le maximum (ou « non applicable »), les totaux ' +
          'des volets, le niveau, les conditions, et le plus court chemin vers le niveau suivant.',
      )
      .argument('<export>', 'export démarches simplifiées (CSV, JSON ou XLSX)'),
  )
    .requiredOption('--dossier <numéro>', 'numéro du dossier')
    .addOption(new Option('-f, --format <format>', 'format de sortie').choices(EXPLAIN_FORMATS).default('md'))
    .option('-o, --out <fichier>', 'écrit l’explication dans ce fichier')
    .addHelpText('after', '\nExemple :\n  tnl explain fixtures/ds-2024.json --edition 2024 --dossier 118357')
    .action((file: string, opts: ExplainOptions) => run(async (io) => (await import('./explain.js')).explainCommand(file, opts, io)));
}
