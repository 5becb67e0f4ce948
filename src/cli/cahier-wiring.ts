import type { Command } from 'commander';
import type { Run } from './define.js';
import { scoringOptions, type PipelineOptions } from './scoring-wiring.js';

export interface CahierOptions extends PipelineOptions {
  out: string;
  templates?: string;
  quiet?: boolean;
}

export function defineCahier(program: Command, run: Run): void {
  scoringOptions(
    program
      .command('cahier')
      .summary('le cahier du jury (PDF) : récapitulatif, puis chaque dossier en détail')
      .description(
        'Le cahier de travail du jury pour la délibération : sommaire paginé (avec liens), tableau récapitulatif, puis chaque dossier avec ses réponses, ses points, le niveau proposé et les longues réponses en entier.',
      )
      .argument('<export>', 'export démarches simplifiées (CSV, JSON ou XLSX)'),
  )
    .requiredOption('-o, --out <fichier.pdf>', 'PDF à écrire')
    .option('--templates <dossier>', 'modèles à utiliser à la place de ceux de tnl')
    .option('-q, --quiet', 'sans message')
    .addHelpText('after', '\nExemple :\n  tnl cahier fixtures/ds-2024.json --edition 2024 --out out/cahier-2024.pdf')
    .action((file: string, opts: CahierOptions) => run(async (io) => (await import('./cahier.js')).cahierCommand(file, opts, io)));
}
