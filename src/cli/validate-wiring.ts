import { Option, type Command } from 'commander';
import { FINDINGS_FORMATS, type FindingsFormat } from '../output/findings/formats.js';
import { ROOT_HELP, type Run } from './define.js';

export interface ValidateOptions {
  edition?: string;
  root?: string;
  format: FindingsFormat;
  strict?: boolean;
}

export function defineValidate(program: Command, run: Run): void {
  program
    .command('validate')
    .summary('vérifie le questionnaire et le barème d’une édition')
    .description(
      'Vérifie un questionnaire et un barème : schéma JSON, puis cohérence (identifiants, strates sans trou ni ' +
        'chevauchement, seuils croissants, conditions, poids, niveaux atteignables). Sans argument : toutes les éditions fournies, et l’archive des résultats.',
    )
    .argument('[fichiers...]', 'fichiers YAML à vérifier (questionnaire, barème ou résultats)')
    .option('-e, --edition <année>', 'vérifie l’édition de cette année (questionnaire et barème)')
    .option('--root <dossier>', ROOT_HELP)
    .addOption(new Option('-f, --format <format>', 'format du rapport').choices(FINDINGS_FORMATS).default('stylish'))
    .option('--strict', 'les avertissements comptent comme des erreurs')
    .addHelpText('after', '\nExemples :\n  tnl validate --edition 2024\n  tnl validate questionnaires/2025.yaml rubrics/2025.yaml --format json')
    .action((files: string[], opts: ValidateOptions) => run(async (io) => (await import('./validate.js')).validateCommand(files, opts, io)));
}
