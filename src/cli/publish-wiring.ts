import type { Command } from 'commander';
import { ROOT_HELP, type Run } from './define.js';

export interface PublishOptions {
  edition: string;
  scores: string;
  decisions?: string;
  root?: string;
  force?: boolean;
}

export function definePublish(program: Command, run: Run): void {
  program
    .command('publish')
    .summary('inscrit les résultats finaux d’une édition dans l’archive (results/)')
    .description(
      'Écrit results/<année>.yaml à partir des notes (tnl score --format json) et des décisions du jury. Refuse de remplacer un fichier existant sans --force ; l’écriture est atomique.',
    )
    .requiredOption('-e, --edition <année>', 'édition')
    .requiredOption('-s, --scores <fichier.json>', 'notes produites par « tnl score --format json »')
    .option('-d, --decisions <fichier>', 'décisions du jury (YAML)')
    .option('--root <dossier>', ROOT_HELP)
    .option('--force', 'remplace results/<année>.yaml s’il existe')
    .addHelpText(
      'after',
      '\nExemple :\n  tnl score export.json --edition 2026 --decisions jury.yaml --format json --out notes-2026.json\n  tnl publish --edition 2026 --scores notes-2026.json --decisions jury.yaml',
    )
    .action((opts: PublishOptions) => run(async (io) => (await import('./publish.js')).publishCommand(opts, io)));
}
