import { Option, type Command } from 'commander';
import { FINDINGS_FORMATS, type FindingsFormat } from '../output/findings/formats.js';
import { ROOT_HELP, type Run } from './define.js';
import { STATE_HELP } from './scoring-wiring.js';

export interface JuryOptions {
  edition: string;
  jurors: string;
  root?: string;
  state?: string[];
}

export interface JuryAssignOptions extends JuryOptions {
  parDossier: string;
  out?: string;
  force?: boolean;
}

export interface JuryCheckOptions extends JuryOptions {
  assignment: string;
  format: FindingsFormat;
}

function juryOptions(cmd: Command): Command {
  return cmd
    .argument('<export>', 'export démarches simplifiées (CSV, JSON ou XLSX)')
    .requiredOption('-e, --edition <année>', 'édition')
    .requiredOption('-j, --jurors <fichier>', 'jurés et conflits d’intérêts (YAML)')
    .option('--root <dossier>', ROOT_HELP)
    .option('--state <états...>', STATE_HELP);
}

export function defineJury(program: Command, run: Run): void {
  const jury = program
    .command('jury')
    .summary('travail du jury : affectation des dossiers aux jurés, sans conflit d’intérêts')
    .description('Le travail du jury : affecter les dossiers aux jurés, puis vérifier une affectation modifiée à la main.');
  juryOptions(
    jury
      .command('assign')
      .summary('affecte k jurés à chaque dossier, sans conflit d’intérêts, charge équilibrée')
      .description(
        'Affecte à chaque dossier de l’export le nombre de jurés demandé, jamais un juré en conflit d’intérêts avec la ' +
          'collectivité (son organisme, les collectivités et départements de ses conflits), la charge répartie au plus juste ' +
          '(écart d’un dossier au plus quand les conflits le permettent) ; le même résultat pour les mêmes fichiers. ' +
          'Impossible pour un dossier : une erreur qui le nomme, avec les conflits en cause, et rien n’est écrit.',
      ),
  )
    .option('-k, --par-dossier <nombre>', 'jurés par dossier', '2')
    .option('-o, --out <fichier>', 'affectation à écrire (YAML ; sinon : la sortie standard)')
    .option('--force', 'remplace une affectation existante (elle a pu être modifiée à la main)')
    .addHelpText(
      'after',
      '\nExemples :\n  tnl jury assign fixtures/ds-2024.json --edition 2024 --jurors fixtures/jures-2024.yaml --out jury/affectation-2024.yaml\n  tnl jury assign export.csv --edition 2025 --jurors jury/jures-2025.yaml --par-dossier 3',
    )
    .action((file: string, opts: JuryAssignOptions) => run(async (io) => (await import('./jury.js')).juryAssignCommand(file, opts, io)));
  juryOptions(
    jury
      .command('check')
      .summary('revérifie une affectation (modifiée à la main) : conflits, jurés, dossiers, charge')
      .description(
        'Vérifie une affectation contre les jurés et l’export : jurés et dossiers connus, nombre de jurés par dossier, aucun ' +
          'conflit d’intérêts, charge équilibrée. Chaque problème est localisé (fichier:ligne:colonne). Code de sortie 1 en cas d’erreur.',
      ),
  )
    .requiredOption('-a, --assignment <fichier>', 'affectation (YAML, écrite par « tnl jury assign »)')
    .addOption(new Option('-f, --format <format>', 'format du rapport').choices(FINDINGS_FORMATS).default('stylish'))
    .addHelpText(
      'after',
      '\nExemple :\n  tnl jury check fixtures/ds-2024.json --edition 2024 --jurors fixtures/jures-2024.yaml --assignment jury/affectation-2024.yaml',
    )
    .action((file: string, opts: JuryCheckOptions) => run(async (io) => (await import('./jury.js')).juryCheckCommand(file, opts, io)));
}
