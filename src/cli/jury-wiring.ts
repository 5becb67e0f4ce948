import { Option, type Command } from 'commander';
import { FINDINGS_FORMATS, type FindingsFormat } from '../output/findings/formats.js';
import { CONSOLIDATIONS, type Consolidation } from '../jury/grades.js';
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

export interface JurySheetsOptions extends JuryOptions {
  assignment: string;
  out: string;
  /** --sans-cahier: the sheets only. */
  sansCahier?: boolean;
  templates?: string;
  /** Only this juror's sheet and booklet (to send them again). */
  jure?: string;
  force?: boolean;
}

export interface JuryCollectOptions extends JuryOptions {
  assignment: string;
  out?: string;
  consolidation: Consolidation;
  force?: boolean;
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
  juryOptions(
    jury
      .command('sheets')
      .summary('une grille de notation (XLSX) par juré, avec ses seuls dossiers')
      .description(
        'Écrit dans --out une grille par juré (grille-<juré>.xlsx) : une ligne par dossier affecté et par critère, la note à ' +
          'saisir limitée à l’échelle du barème, les réponses à lire à côté et le lien vers le dossier sur démarches simplifiées ; ' +
          'une feuille « Critères » rappelle comment noter. Et son cahier (cahier-<juré>.pdf) : le cahier du jury réduit à ses ' +
          'dossiers, réponses et points. L’affectation est revérifiée d’abord.',
      ),
  )
    .requiredOption('-a, --assignment <fichier>', 'affectation (YAML, écrite par « tnl jury assign »)')
    .requiredOption('-o, --out <dossier>', 'dossier où écrire les grilles et les cahiers')
    .option('--sans-cahier', 'les grilles seulement, sans le cahier PDF de chaque juré')
    .option('--jure <identifiant>', 'la grille et le cahier de ce juré seulement (pour les lui renvoyer)')
    .option('--force', 'remplace les grilles et cahiers déjà écrits dans --out (une grille a pu y être remplie)')
    .option('--templates <dossier>', 'modèles Handlebars à utiliser à la place de ceux de tnl (cahier.html.hbs)')
    .addHelpText(
      'after',
      '\nExemple :\n  tnl jury sheets fixtures/ds-2024.json --edition 2024 --jurors fixtures/jures-2024.yaml --assignment jury/affectation-2024.yaml --out jury/grilles',
    )
    .action((file: string, opts: JurySheetsOptions) => run(async (io) => (await import('./jury.js')).jurySheetsCommand(file, opts, io)));
  juryOptions(
    jury
      .command('collect')
      .summary('relit les grilles remplies, les vérifie et réunit les notes du jury')
      .description(
        'Relit les grilles remplies (XLSX, ou CSV enregistré depuis la grille), signale chaque problème à sa place (fichier, ' +
          'feuille, cellule : note hors de l’échelle, dossier inconnu, juré non affecté, grille modifiée), réunit les notes de ' +
          'chaque critère (médiane, ou moyenne), signale les désaccords et les notes manquantes, et écrit le fichier des notes ' +
          'que « tnl score --grades » lit.',
      ),
  )
    .argument('<grilles...>', 'grilles remplies (XLSX ou CSV)')
    .requiredOption('-a, --assignment <fichier>', 'affectation (YAML)')
    .option('-o, --out <fichier>', 'fichier des notes à écrire (YAML ; sinon : la sortie standard)')
    .addOption(new Option('--consolidation <règle>', 'note retenue pour chaque critère').choices(CONSOLIDATIONS).default('median'))
    .option('--force', 'remplace un fichier de notes existant')
    .addHelpText(
      'after',
      '\nExemple :\n  tnl jury collect fixtures/ds-2024.json jury/grilles/*.xlsx --edition 2024 --jurors fixtures/jures-2024.yaml --assignment jury/affectation-2024.yaml --out jury/notes-2024.yaml',
    )
    .action((file: string, sheets: string[], opts: JuryCollectOptions) =>
      run(async (io) => (await import('./jury.js')).juryCollectCommand(file, sheets, opts, io)),
    );
}
