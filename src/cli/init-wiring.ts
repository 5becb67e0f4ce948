import type { Command } from 'commander';
import { ROOT_HELP, type Run } from './define.js';
import { connectionOptions, type ConnectionOptions } from './ds-connection.js';

export interface InitOptions extends ConnectionOptions {
  edition?: string;
  from?: string;
  root?: string;
  results?: string;
  /** The new edition's questionnaire from this démarche's live form. */
  demarche?: string;
}

export function defineInit(program: Command, run: Run): void {
  const command = program
    .command('init')
    .summary('crée un espace de travail, ou y prépare la prochaine édition')
    .description(
      'Sans --edition : fait du dossier courant (ou de --root) l’espace de travail du label : tnl.config.yaml, la dernière édition fournie, ' +
        'l’archive des résultats, un README pour l’équipe et un .gitlab-ci.yml (validate et rubric diff --fail-on-change, rapport Code Quality). ' +
        'Avec --edition : copie dans l’espace de travail le questionnaire et le barème de l’édition précédente (ou --from) avec la nouvelle ' +
        'année et le nouveau numéro, commentaires compris ; avec --demarche en plus, les questions viennent du formulaire en ligne ' +
        '(identifiants, libellés, types, stable_id, options), chaque champ déjà lu gardant sa question. Ne remplace jamais un fichier, et n’écrit ' +
        'jamais une édition que tnl validate refuserait.',
    )
    .option('-e, --edition <année>', 'nouvelle édition à préparer dans l’espace de travail')
    .option('--from <année>', 'édition à copier (par défaut : la plus récente avant --edition)')
    .option('--results <copie|vide>', 'à la création : l’archive des résultats publiés copiée, ou vide', 'copie')
    .option('--root <dossier>', ROOT_HELP)
    .option('-d, --demarche <numéro>', 'avec --edition : les questions du formulaire en ligne de cette démarche (jeton dans DS_API_TOKEN)');
  connectionOptions(command, 'l’échange')
    .addHelpText(
      'after',
      '\nExemples :\n  mkdir label-tnl && cd label-tnl && npx tnl init\n  tnl init --edition 2026\n  tnl init --edition 2026 --demarche 1450   # questions du formulaire en ligne',
    )
    .action((opts: InitOptions) => run(async (io) => (await import('./init.js')).initCommand(opts, io)));
}
