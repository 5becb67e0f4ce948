import type { Command } from 'commander';
import type { Run } from './define.js';
import { connectionOptions, type ConnectionOptions } from './ds-connection.js';

export interface FetchOptions extends ConnectionOptions {
  demarche: string;
  out: string;
  since?: string;
}

export function defineFetch(program: Command, run: Run): void {
  const command = program
    .command('fetch')
    .summary('télécharge les dossiers d’une démarche par l’API démarches simplifiées')
    .description(
      'Télécharge tous les dossiers d’une démarche par l’API GraphQL v2 (100 par page, reprises automatiques en cas de ' +
        'surcharge ou de connexion bloquée) et les écrit dans un fichier JSON que les autres commandes savent lire. Le jeton est lu dans la ' +
        'variable d’environnement DS_API_TOKEN, jamais sur la ligne de commande, et n’est jamais affiché. Une instance ' +
        'muette est repérée en quelques secondes : connexion non établie, rien reçu pendant --idle-timeout, ou débit sous ' +
        '--low-speed-limit pendant --low-speed-time ; chaque blocage est dit aussitôt, puis la page est redemandée. Interrompu, ' +
        'le téléchargement garde où il en est à côté du fichier (FICHIER.reprise.json) et la même commande reprend de là.',
    )
    .requiredOption('-d, --demarche <numéro>', 'numéro de la démarche')
    .requiredOption('-o, --out <fichier.json>', 'fichier JSON à écrire')
    .option('--since <date>', 'met à jour --out avec les dossiers modifiés depuis cette date (et retire ceux supprimés depuis)');
  connectionOptions(command)
    .option('-q, --quiet', 'sans progression ni avis de reprise')
    .addHelpText(
      'after',
      '\nExemples :\n  export DS_API_TOKEN=…   # jeton créé dans votre profil démarches simplifiées\n  tnl fetch --demarche 1187 --out dossiers-2024.json\n' +
        '  tnl fetch --demarche 1187 --out dossiers-2024.json --since 2024-11-15   # les changements depuis le 15 novembre\n' +
        '  tnl fetch --demarche 1187 --out dossiers-2024.json --idle-timeout 60 --timeout 1800   # instance lente',
    )
    .action((opts: FetchOptions) => run(async (io) => (await import('./fetch.js')).fetchCommand(opts, io)));
}
