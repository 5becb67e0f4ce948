import { Option, type Command } from 'commander';
import { FINDINGS_FORMATS, type FindingsFormat } from '../output/findings/formats.js';
import { ROOT_HELP, type Run } from './define.js';
import { connectionOptions, type ConnectionOptions } from './ds-connection.js';
import { UsageError } from '../findings/errors.js';

export interface ValidateOptions extends ConnectionOptions {
  edition?: string;
  root?: string;
  format: FindingsFormat;
  strict?: boolean;
  /** Checks the questionnaire against this démarche's live form. */
  demarche?: string;
}

export function defineValidate(program: Command, run: Run): void {
  const command = program
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
    .option(
      '-d, --demarche <numéro>',
      'vérifie le questionnaire contre le formulaire en ligne de cette démarche (révision active, par l’API ; jeton dans DS_API_TOKEN)',
    );
  connectionOptions(command, 'l’échange')
    .addHelpText(
      'after',
      '\nExemples :\n  tnl validate --edition 2024\n  tnl validate questionnaires/2025.yaml rubrics/2025.yaml --format json\n  tnl validate --demarche 1187          # le questionnaire face au formulaire en ligne',
    )
    .action((files: string[], opts: ValidateOptions) =>
      run(async (io) => {
        if (opts.demarche === undefined) return (await import('./validate.js')).validateCommand(files, opts, io);
        if (files.length) throw new UsageError('--demarche vérifie une édition (--edition), pas des fichiers');
        return (await import('./validate-demarche.js')).validateDemarcheCommand({ ...opts, demarche: opts.demarche }, io);
      }),
    );
}
