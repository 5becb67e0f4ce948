import type { Command } from 'commander';
import type { Run } from './define.js';

export interface FetchOptions {
  demarche: string;
  instance: string;
  out: string;
  quiet?: boolean;
  timeout?: string;
}

export function defineFetch(program: Command, run: Run): void {
  program
    .command('fetch')
    .summary('télécharge les dossiers d’une démarche par l’API démarches simplifiées')
    .description(
      'Télécharge tous les dossiers d’une démarche par l’API GraphQL v2 (100 par page, reprises automatiques en cas de ' +
        'surcharge) et les écrit dans un fichier JSON que les autres commandes savent lire. Le jeton est lu dans la ' +
        'variable d’environnement DS_API_TOKEN, jamais sur la ligne de commande, et n’est jamais affiché.',
    )
    .requiredOption('-d, --demarche <numéro>', 'numéro de la démarche')
    .option('--instance <url>', 'adresse de l’instance démarches simplifiées', 'https://demarches.adullact.org')
    .requiredOption('-o, --out <fichier.json>', 'fichier JSON à écrire')
    .option('--timeout <secondes>', 'délai pour tout le téléchargement, reprises comprises (par défaut : 600)')
    .option('-q, --quiet', 'sans barre de progression')
    .addHelpText(
      'after',
      '\nExemple :\n  export DS_API_TOKEN=…   # jeton créé dans votre profil démarches simplifiées\n  tnl fetch --demarche 1187 --out dossiers-2024.json',
    )
    .action((opts: FetchOptions) => run(async (io) => (await import('./fetch.js')).fetchCommand(opts, io)));
}
