import type { EditionResults } from '../history/types.js';
import { SCALE_LEVELS } from '../history/types.js';
import { longDate, typography } from './french.js';
import { publishedOrder } from './laureates.js';

export interface ResultatsVM {
  year: number;
  title: string;
  published?: string;
  jury: string[];
  levels: { heading: string; lines: string[] }[];
  partial?: string;
}

/** The results page of the website: the jury, then a heading per level, « Aucun candidat » when empty. */
export function resultatsView(results: EditionResults): ResultatsVM {
  const heading = (id: string) => (results.scale === 'niveaux' ? `Label niveau ${id}` : id === 'badge' ? 'Badge' : `Label ${id.charAt(0).toUpperCase()}${id.slice(1)}`);
  return {
    year: results.edition,
    title: `Résultats édition ${results.edition}`,
    ...(results.resultsPublished ? { published: typography(`Les résultats officiels ont été diffusés le ${longDate(results.resultsPublished)}.`) } : {}),
    jury: results.jury.map((j) => `${j.name}${j.role ? ` – ${j.role}` : ''}`),
    levels: SCALE_LEVELS[results.scale].map((id) => ({
      heading: heading(id),
      lines: publishedOrder(results.laureates.filter((l) => l.level === id)).map(
        (l) => `${l.name}${l.departement ? ` (${l.departement})` : ''}${l.carrier ? ` – Dossier porté par ${l.carrier}` : ''}`,
      ),
    })),
    ...(results.complete ? {} : { partial: 'Liste incomplète : seuls les lauréats connus de l’archive de tnl figurent ici.' }),
  };
}
