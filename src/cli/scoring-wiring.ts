import type { Command } from 'commander';
import { ROOT_HELP, collect } from './define.js';

/** The options every command that scores an export shares (score, explain, fiches, cahier). */
export interface PipelineOptions {
  edition: string;
  root?: string;
  decisions?: string;
  state?: string[];
  strict?: boolean;
  /** Repetition sheets saved as CSV, given beside a CSV export. */
  repetitions?: string[];
  /** The jury's grades (`tnl jury collect`). */
  grades?: string;
  /** Last year's export: each returning authority's move explained (false: --no-previous). */
  previous?: string | false;
  /** The edition of --previous (by default the one before --edition). */
  previousEdition?: string;
}

export const STATE_HELP = 'états des dossiers retenus (par défaut : en_instruction, accepte ; « tous » pour tous)';
export const REPETITIONS_HELP = 'feuille d’un bloc répétable enregistrée en CSV, à joindre à un export CSV (répétable)';

export function scoringOptions(cmd: Command): Command {
  return cmd
    .requiredOption('-e, --edition <année>', 'édition (questionnaire et barème)')
    .option('--root <dossier>', ROOT_HELP)
    .option('-d, --decisions <fichier>', 'décisions du jury (YAML)')
    .option('-g, --grades <fichier>', 'notes du jury sur ses critères (YAML, écrit par « tnl jury collect »)')
    .option('--state <états...>', STATE_HELP)
    .option('-r, --repetitions <feuille.csv>', REPETITIONS_HELP, collect, [])
    .option('--strict', 'les avertissements comptent comme des erreurs')
    .option(
      '--previous <export>',
      'export de l’an dernier : pour chaque collectivité qui revient, pourquoi sa note a bougé (effet du barème, effet des réponses) ; par défaut exports/<année d’avant>.json de l’espace de travail, s’il existe',
    )
    .option('--no-previous', 'sans comparaison avec l’an dernier')
    .option('--previous-edition <année>', 'édition de --previous (par défaut : celle d’avant --edition)');
}
