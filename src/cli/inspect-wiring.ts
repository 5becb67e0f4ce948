import { Option, type Command } from 'commander';
import { INSPECT_FORMATS, type InspectFormat } from '../output/inspect-formats.js';
import { ROOT_HELP, collect, type Run } from './define.js';
import { REPETITIONS_HELP, STATE_HELP } from './scoring-wiring.js';

export interface InspectOptions {
  edition: string;
  root?: string;
  format: InspectFormat;
  state?: string[];
  strict?: boolean;
  repetitions?: string[];
}

export function defineInspect(program: Command, run: Run): void {
  program
    .command('inspect')
    .summary('montre comment un export démarches simplifiées est lu')
    .description(
      'Lit un export (CSV de démarches simplifiées, CSV d’un modèle d’export, CSV fait à la main, JSON de l’API, classeur XLSX) et montre ' +
        'comment chaque colonne a été reconnue, combien de dossiers sont lus et écartés, et les problèmes trouvés.',
    )
    .argument('<export>', 'fichier exporté (CSV, JSON ou XLSX)')
    .requiredOption('-e, --edition <année>', 'édition dont le questionnaire sert à lire l’export')
    .option('--root <dossier>', ROOT_HELP)
    .option('--state <états...>', STATE_HELP)
    .option('-r, --repetitions <feuille.csv>', REPETITIONS_HELP, collect, [])
    .addOption(new Option('-f, --format <format>', 'format du rapport').choices(INSPECT_FORMATS).default('table'))
    .option('--strict', 'les avertissements comptent comme des erreurs')
    .addHelpText('after', '\nExemple :\n  tnl inspect fixtures/ds-2024.csv --edition 2024')
    .action((file: string, opts: InspectOptions) => run(async (io) => (await import('./inspect.js')).inspectCommand(file, opts, io)));
}
