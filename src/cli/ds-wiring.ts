import type { Command } from 'commander';
import { ROOT_HELP, type Run } from './define.js';
import { connectionOptions } from './ds-connection.js';
import type { DsOptions } from './ds.js';

export type { DsOptions } from './ds.js';

const SAFE =
  'Sans --apply, montre ce qui serait fait (dossier, annotation ou message, avant → après) et n’écrit rien. Avec --apply : une valeur déjà ' +
  'en place n’est pas réécrite, une interruption laisse un journal (ds/journal-<démarche>.jsonl) d’où la même commande reprend, seuls ' +
  'les dossiers de la démarche de l’édition sont touchés, et un fichier d’une autre édition, d’un autre barème ou d’une autre démarche est refusé.';

export function defineDs(program: Command, run: Run): void {
  const ds = program
    .command('ds')
    .summary('écrit les résultats dans démarches simplifiées : annotations privées, labels, fiches envoyées')
    .description('Le retour vers démarches simplifiées, par son API (jeton d’instructeur dans DS_API_TOKEN). ' + SAFE);
  const annoter = ds
    .command('annoter')
    .summary('écrit niveaux, totaux et points dans les annotations privées')
    .description(
      'Écrit dans les annotations privées de chaque dossier ce que la section « ds: » de tnl.config.yaml leur fait recevoir (niveau ' +
        'proposé, total, points de chaque volet, niveau décidé par le jury), une mutation par dossier, chaque valeur du type de son ' +
        'annotation ; avec « ds.labels », ajoute le label de démarches simplifiées du niveau. Une annotation absente ou d’un type qui ne ' +
        'convient pas est signalée avant toute écriture. ' +
        SAFE,
    )
    .argument('<notes.json>', 'notes de l’édition (tnl score … --format json)')
    .option('--apply', 'écrit vraiment (sans : aperçu seulement)')
    .option('--root <dossier>', ROOT_HELP);
  connectionOptions(annoter, 'l’échange')
    .addHelpText('after', '\nExemples :\n  tnl ds annoter notes-2025.json            # aperçu\n  tnl ds annoter notes-2025.json --apply    # écrit')
    .action((file: string, opts: DsOptions) => run(async (io) => (await import('./ds.js')).dsAnnoterCommand(file, opts, io)));
  const envoyer = ds
    .command('envoyer')
    .summary('envoie à chaque candidat sa fiche PDF par la messagerie')
    .description(
      'Envoie à chaque dossier un message de la messagerie de démarches simplifiées, avec sa fiche PDF jointe (tnl fiches --format pdf ; ' +
        'fiches.json dit d’où elles viennent). Le texte vient du modèle « ds.message » de tnl.config.yaml (sinon celui de tnl). Un message ' +
        'porte une ligne de référence : retrouvé dans le dossier, il n’est jamais renvoyé, même après une coupure entre le dépôt du fichier ' +
        'et le message. ' +
        SAFE,
    )
    .argument('<dossier-des-fiches>', 'dossier écrit par tnl fiches --format pdf')
    .option('--apply', 'envoie vraiment (sans : aperçu seulement)')
    .option('--root <dossier>', ROOT_HELP);
  connectionOptions(envoyer, 'l’échange')
    .addHelpText('after', '\nExemples :\n  tnl ds envoyer fiches-2025            # aperçu\n  tnl ds envoyer fiches-2025 --apply    # envoie')
    .action((dir: string, opts: DsOptions) => run(async (io) => (await import('./ds.js')).dsEnvoyerCommand(dir, opts, io)));
}
