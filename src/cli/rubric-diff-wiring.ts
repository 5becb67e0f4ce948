import { Option, type Command } from 'commander';
import { RUBRIC_DIFF_FORMATS, type RubricDiffFormat } from '../output/rubric-diff-formats.js';
import { ROOT_HELP, collect, type Run } from './define.js';
import { REPETITIONS_HELP, STATE_HELP } from './scoring-wiring.js';

export interface RubricDiffOptions {
  from?: string;
  fromRev?: string;
  to: string;
  format: RubricDiffFormat;
  failOnChange?: boolean;
  questionnaire?: string;
  state?: string[];
  repetitions?: string[];
  grades?: string;
  root?: string;
  /** The export is this edition's: last year's dossiers under the --to rubric, unchanged answers. */
  previousEdition?: string;
}

export function defineRubric(program: Command, run: Run): void {
  const rubric = program.command('rubric').summary('outils du barème : effet d’un changement sur les niveaux').description('Outils du barème.');
  rubric
    .command('diff')
    .summary('quels dossiers changeraient de niveau avec un nouveau barème')
    .description(
      'Note les dossiers d’un export avec l’ancien et le nouveau barème, liste chaque dossier dont le niveau change et de combien ' +
        'sa note bouge, et résume (hausses, baisses, par niveau). Avec --fail-on-change, le code de sortie est 1 si un niveau change.',
    )
    .argument('<export>', 'export démarches simplifiées (CSV, JSON ou XLSX)')
    .option('--from <ancien.yaml>', 'ancien barème')
    .option('--from-rev <révision>', 'ancien barème pris dans git à cette révision (par exemple origin/main)')
    .option(
      '--previous-edition <année>',
      'l’export est celui de cette édition (l’an dernier) : ses dossiers notés avec son barème, puis avec --to, réponses inchangées — l’effet du nouveau barème',
    )
    .requiredOption('--to <nouveau.yaml>', 'nouveau barème')
    .option('--questionnaire <fichier>', 'questionnaire (par défaut : celui de l’édition du barème, à côté du barème ou dans l’espace de travail)')
    .option('--root <dossier>', ROOT_HELP)
    .option('--state <états...>', STATE_HELP)
    .option('-r, --repetitions <feuille.csv>', REPETITIONS_HELP, collect, [])
    .option('-g, --grades <fichier>', 'notes du jury sur ses critères (YAML, écrit par « tnl jury collect »)')
    .addOption(new Option('-f, --format <format>', 'format du rapport').choices(RUBRIC_DIFF_FORMATS).default('table'))
    .option('--fail-on-change', 'code de sortie 1 si un dossier change de niveau')
    .addHelpText(
      'after',
      '\nExemples :\n  tnl rubric diff fixtures/ds-2024.json --from rubrics/2024.yaml --to nouveau-bareme.yaml\n  tnl rubric diff exports/2025.json --previous-edition 2025 --to rubrics/2026.yaml   # le barème 2026 sur les dossiers de 2025\n  tnl rubric diff fixtures/ds-2024.json --from-rev origin/main --to rubrics/2024.yaml --format md --fail-on-change',
    )
    .action((file: string, opts: RubricDiffOptions) => run(async (io) => (await import('./rubric-diff.js')).rubricDiffCommand(file, opts, io)));
}
