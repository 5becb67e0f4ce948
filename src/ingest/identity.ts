import { didYouMean, q } from '../util/french.js';
import { closest, normaliseLabel } from '../util/suggest.js';
import { AUTHORITY_KINDS, type AuthorityKind, type IdentityField } from '../edition/types.js';
import { DOSSIER_STATES, STATE_LABELS, type DossierState } from './dossier.js';
import { findChoice, parseFrenchNumber, withoutUnit } from './values.js';

export type Problem = { severity: 'error' | 'warning'; message: string };

/** « Commune », « commune », « Intercommunalité (EPCI) », « epci » → the authority kind. */
export function readKind(field: IdentityField | undefined, raw: string): { kind?: AuthorityKind; problem?: Problem } {
  const text = raw.trim();
  if (!text) return {};
  const c = field ? findChoice(field, text) : undefined;
  if (c && (AUTHORITY_KINDS as readonly string[]).includes(c.id)) return { kind: c.id as AuthorityKind };
  const n = normaliseLabel(text);
  const direct = AUTHORITY_KINDS.find((k) => k === n);
  if (direct) return { kind: direct };
  const labels = field?.choices?.map((x) => x.label) ?? [...AUTHORITY_KINDS];
  return { problem: { severity: 'error', message: `type de collectivité ${q(text)} inconnu.${didYouMean(closest(text, labels))}` } };
}

/** The population: a positive whole number (French spaces and `.0` tolerated). */
export function readPopulation(raw: string): { value?: number; problem?: Problem } {
  const text = raw.trim();
  if (!text) return {};
  const n = parseFrenchNumber(withoutUnit(text, ['habitants', 'habitant', 'hab.', 'hab']));
  if (n === undefined || !Number.isInteger(n) || n <= 0)
    return { problem: { severity: 'error', message: `population ${q(text)} invalide : un nombre entier d’habitants supérieur à 0 est attendu` } };
  return { value: n };
}

/** INSEE code (5 characters, 2A/2B for Corsica) or SIREN (9 digits). */
export function readCode(raw: string): { value?: string; problem?: Problem } {
  const text = raw.trim().replace(/[\s\u00a0]/g, '');
  if (!text) return {};
  if (/^(\d{5}|2[AB]\d{3}|\d{9})$/i.test(text)) return { value: text.toUpperCase() };
  return { value: text, problem: { severity: 'warning', message: `code ${q(raw.trim())} : ni un code INSEE (5 caractères) ni un SIREN (9 chiffres)` } };
}

/** « 38 – Isère », « 38 - Isère », « 971 », « 2A » → the département code; a bare name is kept. */
export function readDepartement(raw: string): string | undefined {
  const text = raw.trim();
  if (!text) return undefined;
  const m = /^(\d{2,3}|2[AB])\b/i.exec(text);
  return m ? m[1]!.toUpperCase() : text;
}

const stateByLabel = new Map<string, DossierState>([
  ...DOSSIER_STATES.map((s) => [normaliseLabel(STATE_LABELS[s]), s] as const),
  ...DOSSIER_STATES.map((s) => [s, s] as const),
  ['sans suite', 'sans_suite'],
  ['accepte', 'accepte'],
]);

/** The labels exactly as DS writes them, read without normalising. */
const stateExact = new Map(Object.entries(STATE_LABELS).map(([state, label]) => [label, state as DossierState]));

export function readState(raw: string): { state?: DossierState; problem?: Problem } {
  const text = raw.trim();
  if (!text) return {};
  const s = stateExact.get(text) ?? stateByLabel.get(normaliseLabel(text));
  if (s) return { state: s };
  return {
    problem: {
      severity: 'error',
      message: `état de dossier ${q(text)} inconnu.${didYouMean(closest(text, Object.values(STATE_LABELS)))}`,
    },
  };
}

/** DS timestamps `2025-03-04 09:12:45 +0100` → ISO 8601 `2025-03-04T09:12:45+01:00`, as the API gives them. */
export function readTimestamp(raw: string): string | undefined {
  const text = raw.trim();
  if (!text) return undefined;
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2})?)(?:\s*([+-]\d{2}):?(\d{2})|Z)?$/.exec(text);
  if (m) {
    const time = m[2]!.length === 5 ? `${m[2]}:00` : m[2];
    const zone = m[3] ? `${m[3]}:${m[4]}` : text.endsWith('Z') ? 'Z' : '';
    return `${m[1]}T${time}${zone}`;
  }
  const fr = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(text);
  if (fr) {
    const date = `${fr[3]}-${fr[2]!.padStart(2, '0')}-${fr[1]!.padStart(2, '0')}`;
    return fr[4] ? `${date}T${fr[4].padStart(2, '0')}:${fr[5]}:${fr[6] ?? '00'}` : date;
  }
  return text;
}

/** French national numbers as the DS API writes them (`04 67 00 12 34`); others kept as typed. */
export function normalisePhone(raw: string): string {
  const digits = raw.replace(/[\s.\-\u00a0]/g, '');
  return /^0\d{9}$/.test(digits) ? digits.replace(/(\d{2})(?=\d)/g, '$1 ') : raw.trim();
}
