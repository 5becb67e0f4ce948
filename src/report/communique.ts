import { type OrdinalStyle, capitalise, joinList, longDate, nameInText, numberToWords, ordinal, typography } from '../util/french.js';
import type { EditionResults } from '../history/types.js';
import { SCALE_LEVELS } from '../history/types.js';
import { inText, laureateCount, levelCount, levelSentenceHead, levelTitle, mentionAwards, mentionCount, namesInText } from './laureates.js';
import type { Press } from './press.js';

export interface CommuniqueVM {
  year: number;
  ordinal: string;
  place: string;
  title: string;
  about: string[];
  applications?: string;
  gradedText: string;
  levels: { head: string; joiner: string; names: string; end: string }[];
  mentions?: string;
  ceremony?: string;
  supporters?: string;
  closing: string[];
  detailsText: string;
  detailsLink?: string;
  contacts: { name: string; role?: string; email?: string; phone?: string }[];
  social?: string;
}

const defaultAbout = (style: OrdinalStyle) => [
  `Depuis sa ${ordinal(1, style)} édition en 2016, le label Territoire Numérique Libre récompense les initiatives et politiques en faveur des logiciels libres dans les collectivités territoriales.`,
  'Créé par l’association ADULLACT, il réunit chaque année les collectivités qui ont fait le choix de privilégier les usages numériques libres, ouverts et collaboratifs.',
];

/**
 * The results press release, as data: every sentence written, nothing left to the template's logic.
 * What only staff must read (an incomplete list, a mention of the press file nobody received) goes
 * to `notices`, never into the text.
 */
export function communiqueView(results: EditionResults, press: Press, notices: string[] = []): CommuniqueVM {
  const y = results.edition;
  // Every count comes from the published figures when they exist, from the list only when it is
  // complete, and is otherwise a lower bound: names known are given, never counted as the whole.
  const known = SCALE_LEVELS[results.scale]
    .map((id) => ({ id, list: results.laureates.filter((l) => l.level === id), ...levelCount(results, id) }))
    .filter((x) => x.count > 0 || x.list.length > 0);
  const levels = known.map((x, i) => {
    const partial = x.list.length > 0 && x.list.length < x.count;
    return {
      head: levelSentenceHead(results, x.id, Math.max(x.count, x.list.length), !x.exact),
      joiner: !x.list.length ? '' : partial ? ', dont ' : ' : ',
      names: namesInText(x.list, press.order),
      end: i === known.length - 1 ? '.' : ' ;',
    };
  });
  const levelIds = SCALE_LEVELS[results.scale];
  const total = laureateCount(results);
  const howMany = `${total.exact ? '' : 'au moins '}${numberToWords(total.count)}`;
  const gradedText =
    results.scale === 'niveaux'
      ? `Après évaluation des dossiers par un jury de professionnels du numérique et du Libre, ${howMany} collectivités et établissements ont été labellisés, du niveau ${known[0]?.id ?? levelIds[0]} au niveau ${known.at(-1)?.id ?? levelIds.at(-1)} :`
      : `Après évaluation des dossiers par un jury de professionnels du numérique et du Libre, ${howMany} collectivités et établissements ont reçu le Badge ou le label Bronze, Argent ou Or :`;
  // The count is that of the awards (« 5 mentions spéciales » for four titles and five recipients),
  // the published one when the list is incomplete (« trois mentions spéciales, dont … »), each
  // mention in the press file's order with the jury's reason, each recipient with its own.
  const { awards: given, unknown } = mentionAwards(results, press);
  for (const label of unknown) notices.push(`mention « ${label} » du fichier de presse : aucun lauréat de l’archive ne l’a reçue ; elle n’est pas citée`);
  const awarded = mentionCount(results);
  const named = given.reduce((n, a) => n + a.recipients.length, 0);
  const mentionList = joinList(
    given.map(
      (a) =>
        `« ${a.label} » ${joinList(
          a.recipients.map((l) => {
            const reason = l.mentionReasons?.[a.label];
            return `${inText(l, 'à')}${reason ? `, ${reason}` : ''}`;
          }),
        )}${a.reason ? `, ${a.reason}` : ''}`,
    ),
  );
  const countWords = `${awarded.exact ? '' : 'au moins '}${awarded.count === 1 ? 'une mention spéciale' : `${numberToWords(awarded.count)} mentions spéciales`}`;
  const mentions = named
    ? `Le jury a également décerné ${countWords}${awarded.exact && awarded.count > named ? ', dont' : ' :'} ${mentionList}.`
    : awarded.count && awarded.exact
      ? `Le jury a également décerné ${countWords}.`
      : undefined;
  const c = { ...results.ceremony, ...press.ceremony };
  let ceremony: string | undefined;
  if (c.text) ceremony = c.text;
  else if (c.date) {
    const past = c.date <= press.release.date;
    const participants = past && press.ceremony?.participants ? ` ; ${press.ceremony.participants} y étaient réunis` : '';
    ceremony = `La remise des labels Territoire Numérique Libre ${past ? 'a eu lieu' : 'aura lieu'} ${longDate(c.date)}${c.event ? `, lors ${nameInText(c.event, { preposition: 'de' }).replace(/^de (?!l')/, 'de ')}` : ''}${c.place ? `, ${/^(au |à |en )/.test(c.place) ? c.place : nameInText(c.place, { preposition: 'à' })}` : ''}${participants}.`;
  }
  if (!results.complete)
    notices.push(
      `la liste des lauréats de ${y} n’est connue qu’en partie dans l’archive : le communiqué ne nomme que les lauréats connus et dit « au moins » des comptes qu’elle ne donne pas en entier`,
    );
  return {
    year: y,
    ordinal: ordinal(results.number, press.ordinals),
    place: `${press.release.city}, le ${longDate(press.release.date, false)}`,
    title: typography(press.title ?? `« Territoire Numérique Libre » ${y}, les résultats sont là !`),
    about: (press.about ?? defaultAbout(press.ordinals ?? 'e')).map(typography),
    ...(press.applications !== undefined || results.published.applications !== undefined
      ? {
          applications: typography(
            `Cette année, ${numberToWords(press.applications ?? results.published.applications!)} candidatures ont été déposées et étudiées.`,
          ),
        }
      : {}),
    gradedText: typography(gradedText),
    levels: levels.map((l) => ({ head: typography(l.head), joiner: typography(l.joiner), names: typography(l.names), end: l.end.replace(' ;', '\u202f;') })),
    ...(mentions ? { mentions: typography(mentions) } : {}),
    ...(ceremony ? { ceremony: typography(ceremony) } : {}),
    ...(press.supporters?.length ? { supporters: typography(`Le label est soutenu par ${joinList(press.supporters)}.`) } : {}),
    closing: (press.closing ?? []).map(typography),
    detailsText: typography(`Plus de détails sur les résultats de cette ${ordinal(results.number, press.ordinals)} édition :`),
    ...(press.links?.results ? { detailsLink: press.links.results } : {}),
    contacts: press.contacts,
    ...(press.social?.length ? { social: press.social.join(' ') } : {}),
  };
}

export { capitalise, levelTitle };
