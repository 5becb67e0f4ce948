import type { Command } from 'commander';
import { ROOT_HELP, type Run } from './define.js';

export interface SimulateurOptions {
  edition: string;
  out?: string;
  sansBareme?: boolean;
  root?: string;
}

export function defineSimulateur(program: Command, run: Run): void {
  program
    .command('simulateur')
    .summary('page d’auto-évaluation pour les collectivités (un fichier HTML autonome)')
    .description(
      'Écrit la page d’auto-évaluation d’une édition : un seul fichier HTML, sans serveur, qui s’ouvre depuis le disque ' +
        'ou se publie sur n’importe quel hébergement statique. La collectivité y répond au questionnaire et voit, à chaque ' +
        'réponse, le niveau atteint, chaque volet, les conditions remplies ou manquantes et le chemin le moins coûteux vers ' +
        'le niveau suivant, calculés par le code de notation de tnl. La page ne fait aucune requête ; ses réponses restent ' +
        'dans le navigateur et s’exportent en JSON, que « tnl score » et « tnl explain » relisent.',
    )
    .requiredOption('-e, --edition <année>', 'édition')
    .option('-o, --out <fichier>', 'page à écrire (sinon : la sortie standard)')
    .option('--sans-bareme', 'montre les niveaux et les chemins, mais ni points ni seuils')
    .option('--root <dossier>', ROOT_HELP)
    .addHelpText(
      'after',
      '\nExemples :\n  tnl simulateur --edition 2025 --out simulateur-2025.html\n  tnl simulateur --edition 2025 --sans-bareme --out simulateur-2025.html',
    )
    .action((opts: SimulateurOptions) => run(async (io) => (await import('./simulateur.js')).simulateurCommand(opts, io)));
}
