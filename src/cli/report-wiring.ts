import { Option, type Command } from 'commander';
import { DOCUMENT_FORMATS, DOCUMENTS, REPORT_FORMATS, type DocumentFormat } from '../report/formats.js';
import { ROOT_HELP, type Run } from './define.js';

export interface ReportOptions {
  edition: string;
  press?: string;
  format: DocumentFormat;
  out?: string;
  templates?: string;
  root?: string;
}

const documentsHelp = DOCUMENTS.map((d) => `${d} (${DOCUMENT_FORMATS[d].join(', ')})`).join(', ');

export function defineReport(program: Command, run: Run): void {
  program
    .command('report')
    .summary('documents de presse : communiqué, page de résultats, dossier de presse, appel à candidatures')
    .description(
      'Produit le communiqué de presse, la page de résultats du site, l’appel à candidatures ou le dossier de ' +
        'presse d’une édition, à partir de l’archive des résultats, de l’historique et des éléments de presse (--press). ' +
        'Le PDF est imprimé par le Chromium du système, sans JavaScript et sans aucun accès au réseau.',
    )
    .argument('<document>', `document : ${documentsHelp}`)
    .requiredOption('-e, --edition <année>', 'édition')
    .option('-p, --press <fichier>', 'éléments de presse (YAML : lieu et date, contacts, comité, témoignages ; pour l’appel : campagne et changements)')
    .addOption(new Option('-f, --format <format>', 'format').choices(REPORT_FORMATS).default('md'))
    .option('-o, --out <fichier>', 'fichier à écrire (obligatoire pour un PDF)')
    .option('--templates <dossier>', 'modèles Handlebars à utiliser à la place de ceux de tnl')
    .option('--root <dossier>', ROOT_HELP)
    .addHelpText(
      'after',
      '\nExemples :\n  tnl report appel --edition 2025 --press fixtures/appel-2025.yaml --format pdf --out appel-2025.pdf\n  tnl report communique --edition 2024 --press fixtures/press-2024.yaml --format pdf --out communique-2024.pdf\n  tnl report resultats --edition 2024 --format html --out resultats-2024.html\n  tnl report dossier-de-presse --edition 2024 --press fixtures/press-2024.yaml --format pdf --out dossier-2024.pdf',
    )
    .action((doc: string, opts: ReportOptions) => run(async (io) => (await import('./report.js')).reportCommand(doc, opts, io)));
}
