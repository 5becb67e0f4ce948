/** The documents of `tnl report` and the formats each exists in (src/cli/report.ts builds them). */
export const DOCUMENT_FORMATS = {
  communique: ['md', 'html', 'pdf'],
  resultats: ['md', 'html'],
  'dossier-de-presse': ['html', 'pdf'],
  appel: ['md', 'html', 'pdf'],
} as const satisfies Record<string, readonly ('md' | 'html' | 'pdf')[]>;

export type DocumentName = keyof typeof DOCUMENT_FORMATS;
export const DOCUMENTS = Object.keys(DOCUMENT_FORMATS) as DocumentName[];
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[DocumentName][number];
/** Every format some document exists in: the choices of --format. */
export const REPORT_FORMATS = [...new Set(Object.values(DOCUMENT_FORMATS).flat())] as DocumentFormat[];

/** The formats a fiche is written in (its two templates, fiche.md.hbs and fiche.html.hbs printed to PDF). */
export const FICHE_FORMATS = ['md', 'pdf'] as const;
export type FicheFormat = (typeof FICHE_FORMATS)[number];
