import { capitalise, longDate, numberToWords, typography } from '../util/french.js';
import type { EditionResults } from '../history/types.js';
import { SCALE_LEVELS } from '../history/types.js';
import { levelCount, publishedOrder } from './laureates.js';

export interface ResultatsVM {
  year: number;
  title: string;
  published?: string;
  jury: string[];
  /** `noneText`: what is said under a level without a name: « Aucun candidat » only when that is known. */
  levels: { heading: string; lines: string[]; more?: string; noneText: string }[];
  partial?: string;
}

/** The results page of the website: the jury, then a heading per level, « Aucun candidat » when empty. */
export function resultatsView(results: EditionResults): ResultatsVM {
  const heading = (id: string) =>
    results.scale === 'niveaux' ? `Label niveau ${id}` : id === 'badge' ? 'Badge' : `Label ${id.charAt(0).toUpperCase()}${id.slice(1)}`;
  return {
    year: results.edition,
    title: `Résultats édition ${results.edition}`,
    ...(results.resultsPublished ? { published: typography(`Les résultats officiels ont été diffusés le ${longDate(results.resultsPublished)}.`) } : {}),
    jury: results.jury.map((j) => `${j.name}${j.role ? ` – ${j.role}` : ''}`),
    levels: SCALE_LEVELS[results.scale].map((id) => {
      const list = publishedOrder(results.laureates.filter((l) => l.level === id));
      const { count, exact } = levelCount(results, id);
      const missing = count - list.length;
      return {
        heading: heading(id),
        lines: list.map((l) => `${l.name}${l.departement ? ` (${l.departement})` : ''}${l.carrier ? ` – Dossier porté par ${l.carrier}` : ''}`),
        ...(exact && missing > 0
          ? {
              more: typography(
                `et ${numberToWords(missing)} autre${missing > 1 ? 's' : ''} lauréat${missing > 1 ? 's' : ''} dont le nom n’est pas dans l’archive`,
              ),
            }
          : {}),
        noneText:
          exact && count === 0
            ? 'Aucun candidat'
            : exact
              ? typography(`${capitalise(numberToWords(count))} lauréat${count > 1 ? 's' : ''}, dont les noms ne sont pas dans l’archive`)
              : 'Lauréats non connus de l’archive',
      };
    }),
    ...(results.complete ? {} : { partial: 'Liste incomplète : seuls les lauréats connus de l’archive de tnl figurent ici.' }),
  };
}
