import { joinList, longDate, numberToWords, ordinal, typography } from '../util/french.js';
import type { Questionnaire } from '../edition/types.js';
import { figureText, type KeyFigures } from '../history/figures.js';
import { UsageError } from '../findings/errors.js';
import type { Press } from './press.js';

export interface AppelVM {
  year: number;
  place: string;
  title: string;
  lead?: string;
  about: string[];
  changes: string[];
  /** The campaign's sentence in three parts: before the deadline, the deadline (bold, as ADULLACT writes it), after it. */
  campaign: string;
  deadline: string;
  campaignEnd: string;
  platform: string;
  volets?: string;
  ceremony?: string;
  supporters?: string;
  site?: string;
  contacts: Press['contacts'];
  social?: string;
}

/**
 * The call for applications, as data: the campaign's calendar and platform from the press file,
 * the edition's volets from its questionnaire when there is one, the laureates so far from the
 * archive (a lower bound when the archive is incomplete). Every sentence written here. Pure.
 */
export function appelView(year: number, press: Press, figures: KeyFigures | undefined, questionnaire: Questionnaire | undefined): AppelVM {
  const c = press.campaign;
  if (!c)
    throw new UsageError(
      'l’appel à candidatures a besoin des dates de la campagne : « campaign: { opening: AAAA-MM-JJ, deadline: AAAA-MM-JJ } » dans le fichier --press',
    );
  const number = questionnaire?.number ?? year - 2015;
  const url = c.url ?? questionnaire?.demarche?.instance;
  const platform = url ? url.replace(/^https?:\/\//, '').replace(/\/$/, '') : 'démarches simplifiées';
  // Both dates with their weekday; the deadline as applicants read it: the last day included.
  const opens = press.release.date < c.opening ? 'débutera le' : press.release.date === c.opening ? 's’ouvre ce' : 'est ouverte depuis le';
  const open = press.release.date <= c.deadline;
  const style = press.ordinals ?? 'e';
  const lead =
    figures && figures.laureates.value > 0
      ? `Depuis ${figures.from}, le label Territoire Numérique Libre a récompensé ${figureText(figures.laureates)} collectivités et établissements pour leurs usages numériques libres${figures.laureates.published ? ` (chiffre de ${figures.laureates.published.year})` : ''}.`
      : undefined;
  const cer = press.ceremony;
  const ceremony = cer?.text
    ? cer.text
    : cer?.date
      ? `L’annonce des résultats et la remise des labels auront lieu ${longDate(cer.date)}${cer.place ? ` à ${cer.place.replace(/^(à|au|en) /, '')}` : ''}${cer.event ? `, durant ${cer.event}` : ''}.`
      : undefined;
  const volets = questionnaire?.volets.length
    ? `Le questionnaire porte sur ${numberToWords(questionnaire.volets.length)} volets : ${joinList(questionnaire.volets.map((v) => `« ${v.title} »`))}.`
    : undefined;
  return {
    year,
    place: `${press.release.city}, le ${longDate(press.release.date, false)}`,
    title: typography(press.title ?? `En ${year}, devenez un « Territoire Numérique Libre » !`),
    ...(lead ? { lead: typography(lead) } : {}),
    about: (press.about ?? []).map(typography),
    changes: (press.changes ?? []).map(typography),
    campaign: typography(
      `Pour participer à cette ${ordinal(number, style)} édition, la campagne de candidature ${opens} ${longDate(c.opening)} : les dossiers ${open ? 'peuvent être' : 'pouvaient être'} déposés jusqu’au`,
    ),
    deadline: typography(`${longDate(c.deadline)} inclus`),
    campaignEnd: 'sur la plateforme',
    platform,
    ...(volets ? { volets: typography(volets) } : {}),
    ...(ceremony ? { ceremony: typography(ceremony) } : {}),
    ...(press.supporters?.length ? { supporters: typography(`Le label est soutenu par ${joinList(press.supporters)}.`) } : {}),
    ...(press.links?.site ? { site: press.links.site } : {}),
    contacts: press.contacts,
    ...(press.social?.length ? { social: press.social.join(' ') } : {}),
  };
}
