import type { Command } from 'commander';
import type { Run } from './define.js';

export interface DemoOptions {
  out: string;
}

export function defineDemo(program: Command, run: Run): void {
  program
    .command('demo')
    .summary('démonstration sur l’édition d’exemple (npm start)')
    .description('Enchaîne les commandes principales sur l’édition d’exemple fournie et écrit les résultats dans out/.')
    .option('--out <dossier>', 'dossier de sortie', 'out')
    .addHelpText('after', '\nExemple :\n  tnl demo --out /tmp/demo-tnl')
    .action((opts: DemoOptions) => run(async (io) => (await import('./demo.js')).demoCommand(opts, io)));
}
