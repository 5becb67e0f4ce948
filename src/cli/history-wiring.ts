import { Option, type Command } from 'commander';
import { HISTORY_FORMATS, type HistoryFormat } from '../output/history-formats.js';
import { ROOT_HELP, type Run } from './define.js';

export interface HistoryOptions {
  edition?: string;
  authority?: string;
  format: HistoryFormat;
  root?: string;
  out?: string;
}

export interface ImportOptions {
  root?: string;
  force?: boolean;
}

export function defineHistory(program: Command, run: Run): void {
  const history = program
    .command('history')
    .summary('historique des éditions : chiffres clés, parcours d’une collectivité, mentions suggérées')
    .description(
      'Tire de l’archive des résultats (results/) les chiffres que cite la presse, le parcours d’une collectivité et les mentions à suggérer au jury.',
    );
  history
    .command('show', { isDefault: true })
    .summary('chiffres clés, ou parcours d’une collectivité (par défaut)')
    .description(
      'Sans option : les chiffres clés de toutes les éditions (lauréats distincts par type, habitants concernés, lauréats par niveau). ' +
        'Un chiffre qui compte une édition incomplète est un minimum (« au moins »).',
    )
    .option('-e, --edition <année>', 'une édition : ses lauréats, les chiffres jusqu’à elle et les mentions suggérées')
    .option('-a, --authority <nom ou code>', 'le parcours d’une collectivité (nom ou code INSEE/SIREN)')
    .addOption(
      new Option('-f, --format <format>', 'format de sortie (csv : tableau ouvert, une ligne par lauréat et par édition)')
        .choices(HISTORY_FORMATS)
        .default('table'),
    )
    .option('--root <dossier>', ROOT_HELP)
    .option('-o, --out <fichier>', 'écrit le résultat dans ce fichier')
    .addHelpText(
      'after',
      '\nExemples :\n  tnl history\n  tnl history --edition 2024\n  tnl history --authority "Ville d\'Échirolles"\n  tnl history --format csv --out laureats.csv',
    )
    .action((opts: HistoryOptions) => run(async (io) => (await import('./history.js')).historyCommand(opts, io)));
  history
    .command('import')
    .summary('reconstruit results/ à partir du relevé public des résultats')
    .argument('<relevé>', 'relevé YAML des éditions (shared/data/results-history.yaml)')
    .option('--root <dossier>', ROOT_HELP)
    .option('--force', 'remplace les fichiers existants')
    .addHelpText('after', '\nExemple :\n  tnl history import ../shared/data/results-history.yaml --root . --force')
    .action((file: string, opts: ImportOptions) => run(async (io) => (await import('./history.js')).historyImportCommand(file, opts, io)));
}
