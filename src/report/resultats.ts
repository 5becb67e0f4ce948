import { capitalise, joinList, longDate, numberToWords, typography } from '../util/french.js';
import type { EditionResults } from '../history/types.js';
import { SCALE_LEVELS } from '../history/types.js';
import { levelCount, mentionAwards, mentionCount, publishedOrder, type NameOrder } from './laureates.js';

export interface ResultatsVM {
  year: number;
  title: string;
  published?: string;
  jury: string[];
  /** The levels someone reached, highest count of names known; `noneText` for a level whose names are not known. */
  levels: { heading: string; lines: string[]; more?: string; noneText?: string }[];
  mentionsIntro?: string;
  mentions: { label: string; who: string; reason?: string }[];
}

/**
 * The results page of the website: the jury, a heading per level someone reached (never « Aucun
 * candidat » under a level nobody reached), the special mentions with their reasons, in the press
 * file's order. What only staff must know (an incomplete list) goes to `notices`.
 */
export function resultatsView(
  results: EditionResults,
  press?: { order?: NameOrder; mentions?: { label: string; reason?: string }[] },
  notices: string[] = [],
): ResultatsVM {
  const heading = (id: string) => (results.scale === 'niveaux' ? `Label niveau ${id}` : id === 'badge' ? 'Badge' : `Label ${capitalise(id)}`);
  const levels: ResultatsVM['levels'] = [];
  // Highest level first, as ADULLACT's pages list them.
  for (const id of [...SCALE_LEVELS[results.scale]].reverse()) {
    const list = publishedOrder(
      results.laureates.filter((l) => l.level === id),
      press?.order,
    );
    const { count, exact } = levelCount(results, id);
    if (!list.length && (count === 0 || !exact)) {
      if (!exact) notices.push(`page de résultats : niveau ${id} omis, ni ses lauréats ni leur nombre ne sont connus de l’archive`);
      continue;
    }
    const missing = count - list.length;
    levels.push({
      heading: heading(id),
      lines: list.map((l) => typography(`${l.name}${l.departement ? ` (${l.departement})` : ''}${l.carrier ? ` – Dossier porté par ${l.carrier}` : ''}`)),
      ...(exact && missing > 0 && list.length
        ? { more: typography(`et ${numberToWords(missing)} autre${missing > 1 ? 's' : ''} lauréat${missing > 1 ? 's' : ''}`) }
        : {}),
      ...(!list.length ? { noneText: typography(`${capitalise(numberToWords(count))} lauréat${count > 1 ? 's' : ''}`) } : {}),
    });
  }
  if (!results.complete) notices.push(`page de résultats : la liste des lauréats de ${results.edition} n’est connue qu’en partie dans l’archive`);
  const { awards, unknown } = mentionAwards(results, press);
  for (const label of unknown) notices.push(`mention « ${label} » du fichier de presse : aucun lauréat de l’archive ne l’a reçue ; elle n’est pas citée`);
  const awarded = mentionCount(results);
  const named = awards.reduce((n, a) => n + a.recipients.length, 0);
  return {
    year: results.edition,
    title: `Résultats de l’édition ${results.edition}`,
    ...(results.resultsPublished ? { published: typography(`Les résultats officiels ont été diffusés le ${longDate(results.resultsPublished)}.`) } : {}),
    jury: results.jury.map((j) => `${j.name}${j.role ? ` – ${j.role}` : ''}`),
    levels,
    ...(named
      ? {
          mentionsIntro: typography(
            `Le jury a décerné ${awarded.exact ? '' : 'au moins '}${awarded.count === 1 ? 'une mention spéciale' : `${numberToWords(awarded.count)} mentions spéciales`}${awarded.exact && awarded.count > named ? ', dont' : ''} :`,
          ),
        }
      : {}),
    mentions: awards.map((a) => ({
      label: a.label,
      who: typography(
        joinList(
          a.recipients.map((l) => {
            const reason = l.mentionReasons?.[a.label];
            return `${l.name}${reason ? `, ${reason}` : ''}`;
          }),
        ),
      ),
      ...(a.reason ? { reason: typography(a.reason) } : {}),
    })),
  };
}
