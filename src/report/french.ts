import { frenchSpaces } from '../util/typography.js';
/** French writing helpers for the press documents. Pure. */

const UNITS = ['zéro', 'un', 'deux', 'trois', 'quatre', 'cinq', 'six', 'sept', 'huit', 'neuf', 'dix', 'onze', 'douze', 'treize', 'quatorze', 'quinze', 'seize'];
const TENS = ['', 'dix', 'vingt', 'trente', 'quarante', 'cinquante', 'soixante'];

function below100(n: number): string {
  if (n <= 16) return UNITS[n]!;
  if (n < 20) return `dix-${UNITS[n - 10]}`;
  if (n < 70) {
    const t = Math.floor(n / 10);
    const u = n % 10;
    return u === 0 ? TENS[t]! : u === 1 ? `${TENS[t]} et un` : `${TENS[t]}-${UNITS[u]}`;
  }
  if (n < 80) return n === 71 ? 'soixante et onze' : `soixante-${below100(n - 60)}`;
  if (n === 80) return 'quatre-vingts';
  return `quatre-vingt-${below100(n - 80)}`;
}

function below1000(n: number): string {
  const h = Math.floor(n / 100);
  const r = n % 100;
  if (h === 0) return below100(r);
  const head = h === 1 ? 'cent' : `${UNITS[h]} cent${r === 0 ? 's' : ''}`;
  return r === 0 ? head : `${head} ${below100(r)}`;
}

/** 24 → « vingt-quatre », 80 → « quatre-vingts », 1 200 → « mille deux cents » (traditional spelling). */
export function numberToWords(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n >= 1_000_000_000) return String(n);
  if (n < 1000) return below1000(n);
  if (n < 1_000_000) {
    const th = Math.floor(n / 1000);
    const r = n % 1000;
    const head = th === 1 ? 'mille' : `${below1000(th).replace(/(cent|vingt)s$/, '$1')} mille`;
    return r === 0 ? head : `${head} ${below1000(r)}`;
  }
  const m = Math.floor(n / 1_000_000);
  const r = n % 1_000_000;
  const head = `${below1000(m)} million${m > 1 ? 's' : ''}`;
  return r === 0 ? head : `${head} ${numberToWords(r)}`;
}

export function capitalise(s: string): string {
  return s.charAt(0).toLocaleUpperCase('fr-FR') + s.slice(1);
}

/** « mardi 10 décembre 2024 », « dimanche 1er décembre 2024 ». */
export function longDate(iso: string, withWeekday = true): string {
  const d = new Date(`${iso.slice(0, 10)}T12:00:00Z`);
  if (Number.isNaN(d.getTime())) return iso;
  const day = d.getUTCDate();
  const month = d.toLocaleDateString('fr-FR', { month: 'long', timeZone: 'UTC' });
  const weekday = d.toLocaleDateString('fr-FR', { weekday: 'long', timeZone: 'UTC' });
  return `${withWeekday ? `${weekday} ` : ''}${day === 1 ? '1er' : day} ${month} ${d.getUTCFullYear()}`;
}

/** 9 → « 9ème » (ADULLACT's usage), or « 9e » (Imprimerie nationale); 1 → « 1ère » / « 1re ». */
export { ordinal, type OrdinalStyle } from '../util/french-text.js';

/** « 10 000 » with a narrow no-break space. */
export function thousands(n: number): string {
  return n.toLocaleString('fr-FR').replace(/[\s\u00a0\u202f]/g, '\u202f');
}

/** No-break spaces where French typography wants them: before ; ! ? (narrow) and : » (regular), after «. */
export function typography(s: string): string {
  // The spaces before : ; ! ? » and after « are those of the CLI (one rule, src/util/typography.ts);
  // documents also group thousands.
  return frenchSpaces(s).replace(/(\d) (\d{3})\b/g, '$1\u202f$2');
}

/** « A », « A et B », « A, B et C ». */
export function joinList(items: readonly string[], last = 'et'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${last} ${items.at(-1)}`;
}

export type Preposition = '' | 'à' | 'de';

/**
 * A laureate's name in running text with its article, contracted after « à » and « de »:
 * « la Ville de Meylan », « au Syndicat Fibre 64 », « de l'Agence… », none for a proper name
 * (« Dracénie Provence Verdon Agglomération »). `article` overrides: "la", "le", "l'", "les" or "".
 */
export function nameInText(name: string, opts: { article?: string; preposition?: Preposition } = {}): string {
  const article = opts.article ?? guessArticle(name);
  const p = opts.preposition ?? '';
  if (article === '') return p ? `${p === 'de' && /^[aeiouyéèêàâîôûh]/i.test(name) ? "d'" : `${p} `}${name}` : name;
  const joined = article === "l'" ? `l'${name}` : `${article} ${name}`;
  if (p === 'à') return article === 'le' ? `au ${name}` : article === 'les' ? `aux ${name}` : `à ${joined}`;
  if (p === 'de') return article === 'le' ? `du ${name}` : article === 'les' ? `des ${name}` : `de ${joined}`;
  return joined;
}

const FEMININE = /^(ville|commune|communauté|métropole|région|agence|association|collectivité|eurométropole|mairie|régie)\b/i;
const MASCULINE =
  /^(syndicat|centre|département|conseil|groupement|gip|parc|pôle|établissement|office|smeacc|sivom|sivu|sitiv|sitpi|sdis|cg|salon|congrès|forum|palais)\b/i;

export function guessArticle(name: string): string {
  const elided = /^[aeiouyéèêàâîôûh]/i.test(name);
  if (FEMININE.test(name)) return elided ? "l'" : 'la';
  if (MASCULINE.test(name)) return elided ? "l'" : 'le';
  // An acronym alone is a body: « le SMEACC ». Otherwise a proper name, without article.
  if (/^[A-ZÉÈ]{3,}\b/.test(name) && !/\s/.test(name.trim())) return 'le';
  return '';
}
