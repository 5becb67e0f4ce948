import { checkSchema } from '../edition/schema-check.js';
import { mixedOrdinals, pressTypography, wrongWeekdays } from '../util/french.js';
import { FindingsError } from '../findings/errors.js';
import { findingAt, type YamlSource } from '../util/yaml-source.js';

export interface Press {
  edition: number;
  release: { city: string; date: string };
  /** How ordinals are written in this edition's documents (« 9e » by default, « 9ème » for ADULLACT's usage, « neuvième »). */
  ordinals?: 'e' | 'ème' | 'lettres';
  /** The laureates of a level: by proper name across types (default), or other bodies first, then towns. */
  order?: 'alphabetique' | 'par-type';
  /** The special mentions in the order the documents give them, with the jury's reason. */
  mentions?: { label: string; reason?: string }[];
  /** The label's logo for the press kit's cover, relative to the press file. */
  logo?: string;
  title?: string;
  about?: string[];
  applications?: number;
  ceremony?: { date?: string; event?: string; place?: string; text?: string; participants?: string };
  supporters?: string[];
  campaign?: { opening: string; deadline: string; url?: string };
  changes?: string[];
  closing?: string[];
  links?: { results?: string; site?: string; questions?: string };
  contacts: { name: string; role?: string; email?: string; phone?: string }[];
  social?: string[];
  committee?: { name: string; description?: string }[];
  testimonies?: { authority: string; who?: string; summary?: string; quote: string }[];
  file: string;
}

/** Checks a parsed press.yaml; mistakes are located, all at once (exit 2). */
export function pressFromSource(source: YamlSource, year: number): Press {
  const findings = checkSchema(source, 'press');
  const data = source.data as Omit<Press, 'file'>;
  if (!findings.length && data.edition !== year)
    findings.push(findingAt(source, 'press/edition', `ce fichier est celui de l’édition ${data.edition}, pas de ${year}`, ['edition']));
  if (findings.length) throw new FindingsError(`éléments de presse invalides (${findings.length} problème${findings.length > 1 ? 's' : ''}) :`, findings);
  return { ...data, file: source.file };
}

/**
 * A document's view-model with one typography throughout: every text in it set by
 * pressTypography (one apostrophe style, whoever wrote the text), but for the keys named in `raw`
 * (markup, addresses, data).
 */
export function typesetDocument<T>(vm: T, raw: readonly string[] = []): T {
  const walk = (x: unknown, key?: string): unknown => {
    if (key !== undefined && raw.includes(key)) return x;
    if (typeof x === 'string') return /^(https?:|mailto:|data:)/.test(x) || /^[^\s@]+@[^\s@]+$/.test(x) ? x : pressTypography(x);
    if (Array.isArray(x)) return x.map((v) => walk(v));
    if (x && typeof x === 'object') return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, walk(v, k)]));
    return x;
  };
  return walk(vm) as T;
}

/** The optional fields of a press file each document uses, with what they give it. */
const OPTIONAL: Record<'communique' | 'resultats' | 'dossier-de-presse' | 'appel', [keyof Press | 'ceremony.participants', string][]> = {
  communique: [
    ['supporters', 'les soutiens du label'],
    ['ceremony.participants', 'qui était réuni à la cérémonie'],
    ['mentions', 'l’ordre et les raisons des mentions spéciales'],
    ['links', 'le lien vers les résultats'],
    ['social', 'les comptes des réseaux sociaux'],
  ],
  resultats: [['mentions', 'l’ordre et les raisons des mentions spéciales']],
  'dossier-de-presse': [
    ['testimonies', 'les témoignages'],
    ['committee', 'le comité d’orientation'],
    ['about', 'la présentation du label'],
    ['logo', 'le logo de la couverture'],
  ],
  appel: [
    ['supporters', 'les soutiens du label'],
    ['ceremony', 'la cérémonie à venir'],
    ['links', 'le site du label'],
    ['social', 'les comptes des réseaux sociaux'],
  ],
};

/** The optional fields a document would use that the press file leaves out: said to staff, never printed. */
export function omittedFields(doc: keyof typeof OPTIONAL, press: Press, has: { mentions: boolean; logo: boolean }): string[] {
  return OPTIONAL[doc]
    .filter(([field]) => {
      if (field === 'ceremony.participants') return !press.ceremony?.participants && !press.ceremony?.text;
      if (field === 'mentions') return has.mentions && !press.mentions?.length;
      if (field === 'logo') return !has.logo;
      const v = press[field];
      return v === undefined || (Array.isArray(v) && !v.length);
    })
    .map(([field, what]) => `${field} (${what})`);
}

/**
 * What a document's text says that a reader would catch: a weekday that is not that of its date
 * (in a press file's paragraph), one ordinal written in two styles. Said to staff.
 */
export function textProblems(text: string): string[] {
  return [
    ...wrongWeekdays(text).map((w) => `date « ${w.written} » : c’est un ${w.right.split(' ')[0]} (${w.right})`),
    ...mixedOrdinals(text).map(
      (m) =>
        `l’ordinal de ${m.n} est écrit de deux façons (${m.forms.map((f) => `« ${f} »`).join(' et ')}) : choisissez « ordinals » dans le fichier de presse et récrivez le texte`,
    ),
  ];
}
