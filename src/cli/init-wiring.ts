import type { Command } from 'commander';
import type { Run } from './define.js';

export interface InitOptions {
  edition: string;
  from: string;
  root?: string;
}

export function defineInit(program: Command, run: Run): void {
  program
    .command('init')
    .summary('prépare une nouvelle édition à partir de la précédente')
    .description(
      'Copie le questionnaire et le barème d’une édition avec la nouvelle année et le nouveau numéro, commentaires compris ; ne remplace jamais un fichier.',
    )
    .requiredOption('-e, --edition <année>', 'nouvelle édition')
    .requiredOption('--from <année>', 'édition à copier')
    .option('--root <dossier>', 'dossier contenant questionnaires/ et rubrics/')
    .addHelpText('after', '\nExemple :\n  tnl init --edition 2026 --from 2025')
    .action((opts: InitOptions) => run(async (io) => (await import('./init.js')).initCommand(opts, io)));
}
