/**
 * The one French of tnl, for terminal messages and documents alike: numbers, typography, plurals,
 * articles and elision, ordinals, dates, quotes, lists and the order of names. Pure. Every
 * French word tnl composes (« 3 dossiers », « l’Or », « 9e édition », « 10 000 habitants ») goes
 * through here, so that a rule is written once.
 */

// ─── Numbers ────────────────────────────────────────────────────────────────────────────────

/** The thousands separator: a narrow no-break space (« 10 000 »), as the Imprimerie nationale sets it. */
const THIN = '\u202f';

/**
 * `12 345,6`: a decimal comma and narrow no-break spaces between thousands (from 1 000). With
 * `decimals`, exactly that many; without, up to three, as needed. Rounded half away from zero, as
 * `Intl.NumberFormat('fr-FR')` does, without its cost (loading the locale data takes longer than
 * scoring a season).
 */
export function frNumber(n: number, decimals?: number): string {
  if (!Number.isFinite(n)) return Number.isNaN(n) ? 'NaN' : n > 0 ? '∞' : '-∞';
  const d = decimals ?? 3;
  const [whole, fraction] = roundDecimal(Math.abs(n), d);
  const shown = decimals === undefined ? fraction.replace(/0+$/, '') : fraction;
  let grouped = '';
  for (let i = whole.length; i > 0; i -= 3) grouped = whole.slice(Math.max(0, i - 3), i) + (grouped ? THIN + grouped : '');
  const zero = /^0*$/.test(whole + fraction);
  return `${n < 0 && !zero ? '-' : ''}${grouped}${shown ? `,${shown}` : ''}`;
}

/**
 * A non-negative number rounded to `d` decimals on its shortest decimal writing (2437.055 → 2437.06,
 * as one reads it and as Intl rounds it, not as its binary value 2437.05499… would): whole part and
 * exactly `d` fraction digits.
 */
function roundDecimal(x: number, d: number): [string, string] {
  let text = String(x);
  if (/e/.test(text)) text = x < 1 ? x.toFixed(20) : BigInt(Math.round(x)).toString();
  const [whole = '0', fraction = ''] = text.split('.');
  if (fraction.length <= d) return [whole, fraction.padEnd(d, '0')];
  const digits = (whole + fraction.slice(0, d)).split('').map(Number);
  if (fraction.charCodeAt(d) - 48 >= 5) {
    let i = digits.length - 1;
    while (i >= 0 && digits[i] === 9) digits[i--] = 0;
    if (i >= 0) digits[i]! += 1;
    else digits.unshift(1);
  }
  const all = digits.join('');
  return [all.slice(0, all.length - d) || '0', all.slice(all.length - d)];
}

/**
 * A round figure in millions as the press writes it: 10 000 000 → « 10 millions », 1 500 000 →
 * « 1,5 million » ; any other number as frNumber writes it.
 */
export function frRoundFigure(n: number): string {
  if (Math.abs(n) >= 1_000_000 && n % 100_000 === 0) {
    const m = n / 1_000_000;
    return `${frNumber(m)}\u00a0million${Math.abs(m) >= 2 ? 's' : ''}`;
  }
  return frNumber(n);
}

/** 11.43 → « 11,4 % » (a no-break space before the sign). */
export function frPercent(n: number, decimals = 1): string {
  return `${frNumber(n, decimals)}\u00a0%`;
}

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

// ─── Plurals ────────────────────────────────────────────────────────────────────────────────

/** The word for `n` things: singular for 0 and 1 (French usage), plural from 2. `many` defaults to `one` + s. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return Math.abs(n) >= 2 ? many : one;
}

/** « 1 dossier », « 24 dossiers », « 10 000 habitants »: the number, then the word that agrees with it. */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${frNumber(n)} ${plural(n, one, many)}`;
}

// ─── Typography ─────────────────────────────────────────────────────────────────────────────

/**
 * French typography: a no-break space before « : » and », after «; a narrow one before ; ! ?
 * (as the Imprimerie nationale does); narrow no-break spaces between groups of thousands written
 * with a plain space. One rule for the terminal and the documents.
 */
export function typography(s: string): string {
  return s
    .replace(/ ([:»])/g, '\u00a0$1')
    .replace(/ ([;!?])/g, `${THIN}$1`)
    .replace(/« /g, '«\u00a0')
    .replace(/(\d) (\d{3})\b/g, `$1${THIN}$2`);
}

/**
 * The typography of a document for the press: that of typography(), and one apostrophe, the
 * typographic one (« l’ADULLACT », « s’ouvre »), whoever wrote the text (tnl or a press file).
 */
export function pressTypography(s: string): string {
  return typography(s).replace(/(\p{L})'(?=\p{L})/gu, '$1’');
}

/** « x » with its no-break spaces. */
export function q(s: string | number): string {
  return `«\u00a0${s}\u00a0»`;
}

/** « Vouliez-vous dire « x » ? », for a suggestion; nothing without one. */
export function didYouMean(suggestion: string | undefined): string {
  return suggestion === undefined ? '' : ` Vouliez-vous dire ${q(suggestion)}${THIN}?`;
}

/** « A », « A et B », « A, B et C ». */
export function joinList(items: readonly string[], last = 'et'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${last} ${items.at(-1)}`;
}

export function capitalise(s: string): string {
  return s.charAt(0).toLocaleUpperCase('fr-FR') + s.slice(1);
}

// ─── Articles and elision ───────────────────────────────────────────────────────────────────

/** A word that elides the article before it: a vowel or a mute h. */
export function elides(word: string): boolean {
  return /^[aeiouyàâäéèêëîïôöùûüœæh]/i.test(word.normalize('NFC'));
}

/**
 * A masculine noun with its definite article, elided before a vowel or a mute h: « le Bronze »,
 * « l’Or », « l’Argent », « le niveau 4 ». `capital` for the start of a sentence.
 */
export function withArticle(noun: string, capital = false): string {
  const article = elides(noun) ? 'l’' : 'le ';
  return `${capital ? capitalise(article) : article}${noun}`;
}

/** A masculine noun after « à », contracted: « au Badge », « au label Or », « à l’Or ». */
export function toNoun(noun: string): string {
  return elides(noun) ? `à l’${noun}` : `au ${noun}`;
}

export type Preposition = '' | 'à' | 'de';

const FEMININE = /^(ville|commune|communauté|métropole|région|agence|association|collectivité|eurométropole|mairie|régie)\b/i;
const MASCULINE =
  /^(syndicat|centre|département|conseil|groupement|gip|parc|pôle|établissement|office|smeacc|sivom|sivu|sitiv|sitpi|sdis|cg|salon|congrès|forum|palais)\b/i;

/** The article an authority's name takes in running text: « la » Ville…, « le » Syndicat…, « l' » Agence…, none for a proper name. */
export function guessArticle(name: string): string {
  const elided = elides(name);
  if (FEMININE.test(name)) return elided ? "l'" : 'la';
  if (MASCULINE.test(name)) return elided ? "l'" : 'le';
  // An acronym alone is a body: « le SMEACC ». Otherwise a proper name, without article.
  if (/^[A-ZÉÈ]{3,}\b/.test(name) && !/\s/.test(name.trim())) return 'le';
  return '';
}

/**
 * A laureate's name in running text with its article, contracted after « à » and « de »:
 * « la Ville de Meylan », « au Syndicat Fibre 64 », « de l'Agence… », none for a proper name
 * (« Dracénie Provence Verdon Agglomération »). `article` overrides: "la", "le", "l'", "les" or "".
 * The apostrophe is that of the names themselves (the published names use the straight one).
 */
export function nameInText(name: string, opts: { article?: string; preposition?: Preposition } = {}): string {
  const article = opts.article ?? guessArticle(name);
  const p = opts.preposition ?? '';
  // Two bodies named together take an article each: « la Ville et la Métropole de Montpellier ».
  const pair = opts.article === undefined ? /^(\p{L}+) et (\p{L}+)(\s.+)$/u.exec(name) : null;
  if (pair && guessArticle(pair[1]!) && guessArticle(`${pair[2]!}${pair[3]!}`)) {
    const second = nameInText(`${pair[2]!}${pair[3]!}`, { preposition: p });
    return `${nameInText(pair[1]!, { preposition: p })} et ${second}`;
  }
  if (article === '') return p ? `${p === 'de' && elides(name) ? "d'" : `${p} `}${name}` : name;
  const joined = article === "l'" ? `l'${name}` : `${article} ${name}`;
  if (p === 'à') return article === 'le' ? `au ${name}` : article === 'les' ? `aux ${name}` : `à ${joined}`;
  if (p === 'de') return article === 'le' ? `du ${name}` : article === 'les' ? `des ${name}` : `de ${joined}`;
  return joined;
}

// ─── Ordinals and dates ─────────────────────────────────────────────────────────────────────

/**
 * How ordinals are written: « 9e », « 1re » (French typography, the default), « 9ème », « 1ère »
 * (ADULLACT’s usage) or in words, « neuvième », « première » (`lettres`).
 */
export type OrdinalStyle = 'e' | 'ème' | 'lettres';

/** 9 → « 9e » (or « 9ème », or « neuvième »), 1 → « 1re » (or « 1ère », or « première »): an édition is feminine. */
export function ordinal(n: number, style: OrdinalStyle = 'e'): string {
  if (style === 'lettres') return ordinalWords(n);
  if (n === 1) return style === 'ème' ? '1ère' : '1re';
  return `${n}${style === 'ème' ? 'ème' : 'e'}`;
}

/** A place in a ranking, masculine (« le rang ») : 1 → « 1er », 2 → « 2e ». */
export const rankOrdinal = (n: number): string => (n === 1 ? '1er' : `${n}e`);

/** « dixième », « vingt et unième », « première » (feminine). */
export function ordinalWords(n: number): string {
  if (n === 1) return 'première';
  const w = numberToWords(n);
  if (/(^|[ -])un$/.test(w)) return `${w}ième`;
  if (w.endsWith('cinq')) return `${w}uième`;
  if (w.endsWith('neuf')) return `${w.slice(0, -1)}vième`;
  if (/(cent|vingt)s$/.test(w)) return `${w.slice(0, -1)}ième`;
  if (w.endsWith('e')) return `${w.slice(0, -1)}ième`;
  return `${w}ième`;
}

const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];
const WEEKDAYS = ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'];

/**
 * Weekdays in a text that are not those of the date they stand before (« mardi 19 octobre 2025 »
 * for a Sunday): each with the right one. A date printed by tnl is always right; a text written
 * by hand (a press file's paragraph) is checked with this.
 */
export function wrongWeekdays(text: string): { written: string; right: string }[] {
  const out: { written: string; right: string }[] = [];
  const re = new RegExp(`\\b(${WEEKDAYS.join('|')})\\s+(1er|\\d{1,2})\\s+(${MONTHS.join('|')})\\s+(\\d{4})\\b`, 'giu');
  for (const m of text.matchAll(re)) {
    const day = m[2] === '1er' ? 1 : Number(m[2]);
    const month = MONTHS.indexOf(m[3]!.toLowerCase());
    const d = new Date(Date.UTC(Number(m[4]), month, day, 12));
    if (d.getUTCMonth() !== month) continue;
    const right = WEEKDAYS[d.getUTCDay()]!;
    if (right !== m[1]!.toLowerCase()) out.push({ written: m[0], right: `${right} ${m[2]} ${m[3]} ${m[4]}` });
  }
  return out;
}

/**
 * Ordinals of one number written in two styles in one text (« dixième » and « 10e » édition,
 * « 9e » and « 9ème »): each such number, with the forms found.
 */
export function mixedOrdinals(text: string): { n: number; forms: string[] }[] {
  const forms = new Map<number, Set<string>>();
  const add = (n: number, form: string) => forms.set(n, (forms.get(n) ?? new Set()).add(form));
  // The ordinals of an édition: « 10e édition », « dixième édition » (not « première candidature »):
  // the word before each « édition », looked up, with one simple pattern (documents are long).
  ORDINAL_WORDS ??= new Map(Array.from({ length: 40 }, (_, i) => [ordinalWords(i + 1), i + 1] as const));
  for (const m of text.matchAll(/([0-9A-Za-zÀ-ÿ-]+)\s+éditions?(?![A-Za-zÀ-ÿ])/g)) {
    const word = m[1]!;
    const numeric = /^(\d{1,3})(ème|ère|re|er|e)$/.exec(word);
    if (numeric) add(Number(numeric[1]), word);
    else {
      const n = ORDINAL_WORDS.get(word.toLowerCase());
      if (n !== undefined) add(n, word.toLowerCase());
    }
  }
  return [...forms.entries()].filter(([, f]) => f.size > 1).map(([n, f]) => ({ n, forms: [...f].sort() }));
}
let ORDINAL_WORDS: Map<string, number> | undefined;

/** « mardi 10 décembre 2024 », « dimanche 1er décembre 2024 ». */
export function longDate(iso: string, withWeekday = true): string {
  const d = new Date(`${iso.slice(0, 10)}T12:00:00Z`);
  if (Number.isNaN(d.getTime())) return iso;
  const day = d.getUTCDate();
  // The names written here, not taken from Intl: the same on every Node, whatever its ICU data.
  const month = MONTHS[d.getUTCMonth()]!;
  const weekday = WEEKDAYS[d.getUTCDay()]!;
  return `${withWeekday ? `${weekday} ` : ''}${day === 1 ? '1er' : day} ${month} ${d.getUTCFullYear()}`;
}

// ─── The order of names ─────────────────────────────────────────────────────────────────────

/** A name as French collation sees it first: letters without accents, ligatures spelled out, case and punctuation aside. */
function collationKey(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/œ/gi, 'oe')
    .replace(/æ/gi, 'ae')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Two collation keys: runs of digits in number order (« Fibre 9 » before « Fibre 64 »), the rest letter by letter. */
function compareKeys(a: string, b: string): number {
  const ra = a.match(/\d+|\D+/g) ?? [];
  const rb = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(ra.length, rb.length); i++) {
    const x = ra[i]!;
    const y = rb[i]!;
    const nx = /^\d/.test(x);
    const ny = /^\d/.test(y);
    const c = nx && ny ? Number(x) - Number(y) || x.length - y.length : byCodeUnits(x, y);
    if (c) return c;
  }
  return ra.length - rb.length;
}

/**
 * French collation, as a dictionary orders names: accents, case and punctuation count only to break
 * a tie (« Ecole » = « école » = « École » first, then by their writing), ligatures as their letters,
 * numbers in number order. Deterministic on every machine, and without loading the locale data of Intl.
 */
export const frCollator = {
  compare: (a: string, b: string): number => compareKeys(collationKey(a), collationKey(b)) || byCodeUnits(a.normalize('NFC'), b.normalize('NFC')),
};

/**
 * The name a reader looks an authority up by: « Ville de Colomiers » under C, « Ville des Abymes »
 * under A, « Ville et Métropole de Montpellier » under M; other names as they are.
 */
export function properName(name: string): string {
  return name.replace(GENERIC_PREFIX, '');
}

/**
 * The generic nouns before an authority's proper name (« Ville de », « Centre de Gestion de »,
 * « Syndicat Intercommunal »…), one pattern compiled once: names are compared many times when sorted.
 */
const OF = `(?:de |d['’]|des |du |de la |de l['’])`;
const GENERIC_PREFIX = new RegExp(
  `^(?:(?:ville|commune)(?: et m[ée]tropole)? ${OF}|centre de gestion ${OF}|(?:communauté (?:de communes|d['’]agglomération|urbaine)|métropole|département|région|conseil (?:départemental|régional)) ${OF}?|(?:syndicat|sivu|sivom)(?: (?:intercommunal|mixte|départemental))? ${OF}?(?=\\S))`,
  'i',
);

/**
 * Authorities in the order a reader expects: by proper name, in French collation, whatever their
 * type (« Ville de Colomiers » under C, « Syndicat Fibre 64 » under F, « Centre de Gestion de
 * Lot-et-Garonne » under L, « Dracénie Provence Verdon Agglomération » under D).
 */
export const byProperName = (a: { name: string }, b: { name: string }): number =>
  frCollator.compare(properName(a.name), properName(b.name)) || frCollator.compare(a.name, b.name);
