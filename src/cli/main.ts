import { Command, CommanderError, Option } from 'commander';
import { readFileSync } from 'node:fs';
import { configureColors } from '../output/colors.js';
import { commanderExitCode, frenchify } from './french-help.js';
import { guardStandardStreams, reportError, runAction } from './run.js';
import { UsageError } from '../findings/errors.js';
import { SCORE_FORMATS } from '../output/scores/registry.js';

configureColors(process.argv, process.env);
guardStandardStreams();

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

const program = new Command('tnl')
  .description(
    'Outils du label Territoire Numérique Libre (ADULLACT) : questionnaires et barèmes par édition, ' +
      'lecture des exports démarches simplifiées, notation, historique et documents de presse.',
  )
  .version(pkg.version, '-V, --version', 'affiche la version de tnl')
  .option('--no-color', 'désactive les couleurs (aussi avec la variable NO_COLOR)')
  .helpCommand('help [commande]', 'affiche l’aide d’une commande')
  .addHelpText(
    'after',
    `
Codes de sortie : 0 tout va bien ; 1 des vérifications ont échoué ; 2 usage incorrect ou entrée illisible.

Exemples :
  tnl validate --edition 2024
  tnl validate rubrics/2025.yaml --format codeclimate > gl-code-quality-report.json`,
  );

program
  .command('validate')
  .summary('vérifie le questionnaire et le barème d’une édition')
  .description(
    'Vérifie un questionnaire et un barème : schéma JSON, puis cohérence (identifiants, strates sans trou ni ' +
      'chevauchement, seuils croissants, conditions, poids, niveaux atteignables). Sans argument : toutes les éditions fournies.',
  )
  .argument('[fichiers...]', 'fichiers YAML à vérifier (questionnaire ou barème)')
  .option('-e, --edition <année>', 'vérifie l’édition de cette année (questionnaire et barème)')
  .option('--root <dossier>', 'dossier contenant questionnaires/ et rubrics/ (par défaut : ceux de tnl)')
  .addOption(new Option('-f, --format <format>', 'format du rapport').choices(['stylish', 'json', 'codeclimate', 'github']).default('stylish'))
  .option('--strict', 'les avertissements comptent comme des erreurs')
  .addHelpText(
    'after',
    `
Exemples :
  tnl validate --edition 2024
  tnl validate questionnaires/2025.yaml rubrics/2025.yaml --format json`,
  )
  .action((files: string[], opts) => runAction(async () => (await import('./validate.js')).validateCommand(files, opts)));

program
  .command('inspect')
  .summary('montre comment un export démarches simplifiées est lu')
  .description(
    'Lit un export (CSV de démarches simplifiées, CSV d’un modèle d’export, CSV fait à la main, JSON de l’API) et montre ' +
      'comment chaque colonne a été reconnue, combien de dossiers sont lus et écartés, et les problèmes trouvés.',
  )
  .argument('<export>', 'fichier exporté (CSV ou JSON)')
  .requiredOption('-e, --edition <année>', 'édition dont le questionnaire sert à lire l’export')
  .option('--root <dossier>', 'dossier contenant questionnaires/ et rubrics/')
  .option('--state <états...>', 'états des dossiers retenus (par défaut : en_instruction, accepte ; « tous » pour tous)')
  .option('-r, --repetitions <feuille.csv>', 'feuille d’un bloc répétable enregistrée en CSV, à joindre à un export CSV (répétable)', collect, [])
  .addOption(new Option('-f, --format <format>', 'format du rapport').choices(['table', 'json']).default('table'))
  .option('--strict', 'les avertissements comptent comme des erreurs')
  .addHelpText('after', '\nExemple :\n  tnl inspect fixtures/ds-2024.csv --edition 2024')
  .action((file: string, opts) => runAction(async () => (await import('./inspect.js')).inspectCommand(file, opts)));

const scoringOptions = (cmd: Command): Command =>
  cmd
    .requiredOption('-e, --edition <année>', 'édition (questionnaire et barème)')
    .option('--root <dossier>', 'dossier contenant questionnaires/ et rubrics/')
    .option('-d, --decisions <fichier>', 'décisions du jury (YAML)')
    .option('--state <états...>', 'états des dossiers retenus (par défaut : en_instruction, accepte ; « tous » pour tous)')
    .option('-r, --repetitions <feuille.csv>', 'feuille d’un bloc répétable enregistrée en CSV, à joindre à un export CSV (répétable)', collect, [])
    .option('--strict', 'les avertissements comptent comme des erreurs');

/** A repeatable option: each use adds a value. */
function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

scoringOptions(
  program
    .command('score')
    .summary('note les dossiers d’un export')
    .description(
      'Note chaque dossier : strate selon le type et la population (vérifiée auprès de l’INSEE), points par question, ' +
        'sous-note par volet, total pondéré sur 100, niveau proposé, conditions, puis niveau final après décisions du jury.',
    )
    .argument('<export>', 'export démarches simplifiées (CSV ou JSON)'),
)
  .addOption(new Option('-f, --format <format>', 'format de sortie').choices(SCORE_FORMATS).default('table'))
  .option('-o, --out <fichier>', 'écrit le résultat dans ce fichier (sinon : la sortie standard)')
  .option('-q, --quiet', 'sans message sur la sortie d’erreur')
  .addHelpText(
    'after',
    '\nExemples :\n  tnl score fixtures/ds-2024.json --edition 2024\n  tnl score fixtures/ds-2024.csv --edition 2024 --decisions jury.yaml --format csv --out notes-2024.csv',
  )
  .action((file: string, opts) => runAction(async () => (await import('./score.js')).scoreCommand(file, opts)));

scoringOptions(
  program
    .command('explain')
    .summary('explique la note d’un dossier, point par point')
    .description(
      'Pour un dossier : chaque question avec la réponse, les points et le maximum (ou « non applicable »), les totaux ' +
        'des volets, le niveau, les conditions, et le plus court chemin vers le niveau suivant.',
    )
    .argument('<export>', 'export démarches simplifiées (CSV ou JSON)'),
)
  .requiredOption('--dossier <numéro>', 'numéro du dossier')
  .addOption(new Option('-f, --format <format>', 'format de sortie').choices(['md', 'json']).default('md'))
  .option('-o, --out <fichier>', 'écrit l’explication dans ce fichier')
  .addHelpText('after', '\nExemple :\n  tnl explain fixtures/ds-2024.json --edition 2024 --dossier 118357')
  .action((file: string, opts) => runAction(async () => (await import('./explain.js')).explainCommand(file, opts)));

program
  .command('report')
  .summary('documents de presse : communiqué, page de résultats, dossier de presse, appel à candidatures')
  .description(
    'Produit le communiqué de presse (Markdown, HTML, PDF), la page de résultats du site (Markdown, HTML), l’appel à candidatures (Markdown, HTML, PDF) ou le dossier de ' +
      'presse (HTML, PDF) d’une édition, à partir de l’archive des résultats, de l’historique et des éléments de presse (--press). ' +
      'Le PDF est imprimé par le Chromium du système, sans JavaScript et sans aucun accès au réseau.',
  )
  .argument('<document>', 'communique, resultats, dossier-de-presse ou appel (appel à candidatures)')
  .requiredOption('-e, --edition <année>', 'édition')
  .option('-p, --press <fichier>', 'éléments de presse (YAML : lieu et date, contacts, comité, témoignages ; pour l’appel : campagne et changements)')
  .addOption(new Option('-f, --format <format>', 'format').choices(['md', 'html', 'pdf']).default('md'))
  .option('-o, --out <fichier>', 'fichier à écrire (obligatoire pour un PDF)')
  .option('--templates <dossier>', 'modèles Handlebars à utiliser à la place de ceux de tnl')
  .option('--root <dossier>', 'dossier contenant questionnaires/, rubrics/ et results/')
  .addHelpText(
    'after',
    '\nExemples :\n  tnl report appel --edition 2025 --press fixtures/appel-2025.yaml --format pdf --out appel-2025.pdf\n  tnl report communique --edition 2024 --press fixtures/press-2024.yaml --format pdf --out communique-2024.pdf\n  tnl report resultats --edition 2024 --format html --out resultats-2024.html\n  tnl report dossier-de-presse --edition 2024 --press fixtures/press-2024.yaml --format pdf --out dossier-2024.pdf',
  )
  .action((doc: string, opts) => runAction(async () => (await import('./report.js')).reportCommand(doc, opts)));

scoringOptions(
  program
    .command('fiches')
    .summary('une fiche de retour par candidat (niveau, volets, points forts, pistes de progression)')
    .description(
      'Écrit un document par dossier : le niveau obtenu, la note de chaque volet à côté de la médiane de sa strate, les points ' +
        'forts, le chemin vers le niveau suivant et l’avis du jury. Un seul navigateur pour tous les PDF.',
    )
    .argument('<export>', 'export démarches simplifiées (CSV ou JSON)'),
)
  .requiredOption('-o, --out <dossier>', 'dossier où écrire les fiches')
  .addOption(new Option('-f, --format <format>', 'format des fiches').choices(['md', 'pdf']).default('pdf'))
  .option('--concurrency <n>', 'nombre de fiches imprimées en même temps', '2')
  .option('--templates <dossier>', 'modèles à utiliser à la place de ceux de tnl')
  .option('-q, --quiet', 'sans barre de progression')
  .addHelpText('after', '\nExemple :\n  tnl fiches fixtures/ds-2024.json --edition 2024 --decisions fixtures/jury-2024.yaml --out out/fiches')
  .action((file: string, opts) => runAction(async () => (await import('./fiches.js')).fichesCommand(file, opts)));

scoringOptions(
  program
    .command('cahier')
    .summary('le cahier du jury (PDF) : récapitulatif, puis chaque dossier en détail')
    .description(
      'Le cahier de travail du jury pour la délibération : sommaire paginé, tableau récapitulatif, puis chaque dossier avec ses réponses, ses points, le niveau proposé et les longues réponses en entier.',
    )
    .argument('<export>', 'export démarches simplifiées (CSV ou JSON)'),
)
  .requiredOption('-o, --out <fichier.pdf>', 'PDF à écrire')
  .option('--templates <dossier>', 'modèles à utiliser à la place de ceux de tnl')
  .option('-q, --quiet', 'sans message')
  .addHelpText('after', '\nExemple :\n  tnl cahier fixtures/ds-2024.json --edition 2024 --out out/cahier-2024.pdf')
  .action((file: string, opts) => runAction(async () => (await import('./cahier.js')).cahierCommand(file, opts)));

const rubric = program.command('rubric').summary('outils du barème : effet d’un changement sur les niveaux').description('Outils du barème.');
rubric
  .command('diff')
  .summary('quels dossiers changeraient de niveau avec un nouveau barème')
  .description(
    'Note les dossiers d’un export avec l’ancien et le nouveau barème, liste chaque dossier dont le niveau change et de combien ' +
      'sa note bouge, et résume (hausses, baisses, par niveau). Avec --fail-on-change, le code de sortie est 1 si un niveau change.',
  )
  .argument('<export>', 'export démarches simplifiées (CSV ou JSON)')
  .option('--from <ancien.yaml>', 'ancien barème')
  .option('--from-rev <révision>', 'ancien barème pris dans git à cette révision (par exemple origin/main)')
  .requiredOption('--to <nouveau.yaml>', 'nouveau barème')
  .option('--questionnaire <fichier>', 'questionnaire (par défaut : celui de l’édition du barème)')
  .option('--state <états...>', 'états des dossiers retenus')
  .option('-r, --repetitions <feuille.csv>', 'feuille d’un bloc répétable enregistrée en CSV (répétable)', collect, [])
  .addOption(new Option('-f, --format <format>', 'format du rapport').choices(['table', 'json', 'md', 'codeclimate']).default('table'))
  .option('--fail-on-change', 'code de sortie 1 si un dossier change de niveau')
  .addHelpText(
    'after',
    '\nExemples :\n  tnl rubric diff fixtures/ds-2024.json --from rubrics/2024.yaml --to nouveau-bareme.yaml\n  tnl rubric diff fixtures/ds-2024.json --from-rev origin/main --to rubrics/2024.yaml --format md --fail-on-change',
  )
  .action((file: string, opts) => runAction(async () => (await import('./rubric-diff.js')).rubricDiffCommand(file, opts)));

program
  .command('init')
  .summary('prépare une nouvelle édition à partir de la précédente')
  .description(
    'Copie le questionnaire et le barème d’une édition avec la nouvelle année et le nouveau numéro, commentaires compris ; ne remplace jamais un fichier.',
  )
  .requiredOption('-e, --edition <année>', 'nouvelle édition')
  .requiredOption('--from <année>', 'édition à copier')
  .option('--root <dossier>', 'dossier contenant questionnaires/ et rubrics/')
  .addHelpText('after', '\nExemple :\n  tnl init --edition 2026 --from 2025')
  .action((opts) => runAction(async () => (await import('./init.js')).initCommand(opts)));

program
  .command('publish')
  .summary('inscrit les résultats finaux d’une édition dans l’archive (results/)')
  .description(
    'Écrit results/<année>.yaml à partir des notes (tnl score --format json) et des décisions du jury. Refuse de remplacer un fichier existant sans --force ; l’écriture est atomique.',
  )
  .requiredOption('-e, --edition <année>', 'édition')
  .requiredOption('-s, --scores <fichier.json>', 'notes produites par « tnl score --format json »')
  .option('-d, --decisions <fichier>', 'décisions du jury (YAML)')
  .option('--root <dossier>', 'dossier contenant questionnaires/, rubrics/ et results/')
  .option('--force', 'remplace results/<année>.yaml s’il existe')
  .addHelpText(
    'after',
    '\nExemple :\n  tnl score export.json --edition 2026 --decisions jury.yaml --format json --out notes-2026.json\n  tnl publish --edition 2026 --scores notes-2026.json --decisions jury.yaml',
  )
  .action((opts) => runAction(async () => (await import('./publish.js')).publishCommand(opts)));

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
      .choices(['table', 'md', 'json', 'csv'])
      .default('table'),
  )
  .option('--root <dossier>', 'dossier contenant results/')
  .option('-o, --out <fichier>', 'écrit le résultat dans ce fichier')
  .addHelpText(
    'after',
    '\nExemples :\n  tnl history\n  tnl history --edition 2024\n  tnl history --authority "Ville d\'Échirolles"\n  tnl history --format csv --out laureats.csv',
  )
  .action((opts) => runAction(async () => (await import('./history.js')).historyCommand(opts)));
history
  .command('import')
  .summary('reconstruit results/ à partir du relevé public des résultats')
  .argument('<relevé>', 'relevé YAML des éditions (shared/data/results-history.yaml)')
  .option('--root <dossier>', 'dossier où écrire results/')
  .option('--force', 'remplace les fichiers existants')
  .action((file: string, opts) => runAction(async () => (await import('./history.js')).historyImportCommand(file, opts)));

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
  .action((opts) => runAction(async () => (await import('./fetch.js')).fetchCommand(opts)));

program
  .command('demo')
  .summary('démonstration sur l’édition d’exemple (npm start)')
  .description('Enchaîne les commandes principales sur l’édition d’exemple fournie et écrit les résultats dans out/.')
  .option('--out <dossier>', 'dossier de sortie', 'out')
  .action((opts) => runAction(async () => (await import('./demo.js')).demoCommand(opts)));

// An empty path (`--out ""`, `--out=`) is a mistake, never « standard output » nor the current folder.
program.hook('preAction', (_, action) => {
  for (const [name, value] of Object.entries(action.opts())) {
    if (value === '' || (Array.isArray(value) && value.includes('')))
      throw new UsageError(`--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} est vide : donnez une valeur`);
  }
});

frenchify(program);

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) process.exitCode = commanderExitCode(e);
  else process.exitCode = reportError(e);
}
