import { frNumber, joinList, longDate, numberToWords, ordinal, typography } from '../util/french.js';
import type { Questionnaire } from '../edition/types.js';
import type { KeyFigures } from '../history/figures.js';
import { UsageError } from '../findings/errors.js';
import type { Press } from './press.js';

export interface AppelVM {
  year: number;
  place: string;
  title: string;
  lead?: string;
  about: string[];
  changes: string[];
  campaign: string;
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
  const opens = press.release.date < c.opening ? 'débutera le' : press.release.date === c.opening ? 's’ouvre ce' : 'est ouverte depuis le';
  const style = press.ordinals ?? 'e';
  const lead =
    figures && figures.laureates.value > 0
      ? `Depuis ${figures.from}, le label Territoire Numérique Libre a récompensé ${figures.laureates.lowerBound ? 'au moins ' : ''}${frNumber(figures.laureates.value)} collectivités et établissements pour leurs usages numériques libres.`
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
      `Pour participer à cette ${ordinal(number, style)} édition, la campagne de candidature ${opens} ${longDate(c.opening, false)}, et les dossiers devront être déposés avant le ${longDate(c.deadline, false)} sur la plateforme`,
    ),
    platform,
    ...(volets ? { volets: typography(volets) } : {}),
    ...(ceremony ? { ceremony: typography(ceremony) } : {}),
    ...(press.supporters?.length ? { supporters: typography(`Le label est soutenu par ${joinList(press.supporters)}.`) } : {}),
    ...(press.links?.site ? { site: press.links.site } : {}),
    contacts: press.contacts,
    ...(press.social?.length ? { social: press.social.join(' ') } : {}),
  };
}
