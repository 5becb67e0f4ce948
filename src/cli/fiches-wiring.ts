import { Option, type Command } from 'commander';
import { FICHE_FORMATS, type FicheFormat } from '../report/formats.js';
import type { Run } from './define.js';
import { scoringOptions, type PipelineOptions } from './scoring-wiring.js';

export interface FichesOptions extends PipelineOptions {
  out: string;
  format: FicheFormat;
  concurrency?: string;
  quiet?: boolean;
  templates?: string;
}

export function defineFiches(program: Command, run: Run): void {
  scoringOptions(
    program
      .command('fiches')
      .summary('une fiche de retour par candidat (niveau, volets, points forts, pistes de progression)')
      .description(
        'Écrit un document par dossier : le niveau obtenu, la note de chaque volet à côté de la médiane de sa strate, les points ' +
          'forts, le chemin vers le niveau suivant et l’avis du jury. Un seul navigateur pour tous les PDF.',
      )
      .argument('<export>', 'export démarches simplifiées (CSV, JSON ou XLSX)'),
  )
    .requiredOption('-o, --out <dossier>', 'dossier où écrire les fiches')
    .addOption(new Option('-f, --format <format>', 'format des fiches').choices(FICHE_FORMATS).default('pdf'))
    .option('--concurrency <n>', 'nombre de fiches imprimées en même temps', '2')
    .option('--templates <dossier>', 'modèles à utiliser à la place de ceux de tnl')
    .option('-q, --quiet', 'sans barre de progression')
    .addHelpText('after', '\nExemple :\n  tnl fiches fixtures/ds-2024.json --edition 2024 --decisions fixtures/jury-2024.yaml --out out/fiches')
    .action((file: string, opts: FichesOptions) => run(async (io) => (await import('./fiches.js')).fichesCommand(file, opts, io)));
}
