import { publishable } from './research-note.js';
import { AUTHORITY_KINDS, type AuthorityKind } from '../edition/types.js';
import { resolveCommune, resolveEpci } from '../territory/resolve.js';
import { isRecord } from '../util/yaml-source.js';
import { normaliseAuthorityName } from '../territory/authority-name.js';
import type { EditionResults, Laureate } from './types.js';

export const POPULATION_SOURCE = 'INSEE, population municipale (découpage administratif d’Etalab)';

type Raw = Record<string, unknown>;
const str = (x: unknown): string | undefined => (typeof x === 'string' && x.trim() ? x.trim() : undefined);
const date = (x: unknown): string | null | undefined =>
  x instanceof Date ? x.toISOString().slice(0, 10) : typeof x === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(x) ? x : x === null ? null : undefined;
const kindOf = (t: unknown): AuthorityKind =>
  t === 'other' ? 'autre' : (AUTHORITY_KINDS as readonly string[]).includes(String(t)) ? (t as AuthorityKind) : 'autre';

/** « 4 » → "4", « Or » → "or", null → null. */
function levelOf(x: unknown): string | null {
  if (x === null || x === undefined) return null;
  return String(x).trim().toLowerCase();
}

/**
 * The public record of past editions (shared/data/results-history.yaml) → one results file per
 * edition. INSEE/SIREN codes and populations are resolved where the name (and département)
 * identify exactly one commune or EPCI; anything ambiguous is left for a person, and said.
 */
export function importPublicHistory(data: unknown): { editions: EditionResults[]; notes: string[] } {
  const all: string[] = [];
  const editions = (isRecord(data) && Array.isArray(data.editions) ? data.editions : []).filter(isRecord).map((e) => {
    const year = Number(e.year);
    const notes: string[] = [];
    const laureates: Laureate[] = (Array.isArray(e.awarded) ? e.awarded : []).filter(isRecord).map((a) => laureateOf(a, notes));
    // Special mentions: label → name(s); matched to the laureates by name.
    if (isRecord(e.special_mentions)) {
      for (const [label, who] of Object.entries(e.special_mentions)) {
        for (const name of (Array.isArray(who) ? who : [who]).map(String)) {
          const key = normaliseAuthorityName(name);
          const l = laureates.find((x) => normaliseAuthorityName(x.name) === key);
          const clean = publishable(label);
          if (clean.note) notes.push(`mention « ${clean.text} » : ${clean.note}`);
          if (l) l.mentions.push(clean.text);
          else notes.push(`mention « ${clean.text} » : « ${name} » ne figure pas parmi les lauréats connus`);
        }
      }
    }
    const counts = isRecord(e.level_counts) ? Object.fromEntries(Object.entries(e.level_counts).map(([k, v]) => [levelOf(k)!, Number(v)])) : undefined;
    const awarded = typeof e.awarded_count === 'number' ? e.awarded_count : undefined;
    const applications = typeof e.applications === 'number' ? e.applications : undefined;
    const known = laureates.length;
    // « 36 in … ; 37 in … »: the numbers the sources give; the note stays as recorded.
    const conflictText = str(e.awarded_count_conflict);
    const conflictValues = conflictText
      ? [...new Set([awarded, ...[...conflictText.matchAll(/\b(\d{1,4})\b/g)].map((m) => Number(m[1]))])].filter((v): v is number => v !== undefined)
      : [];
    const conflict =
      conflictText && conflictValues.length > 1
        ? { figure: 'awarded' as const, values: conflictValues, note: 'nombres différents selon les sources (détail dans les notes)' }
        : undefined;
    if (conflict) notes.push(`nombre de lauréats : ${conflictText}`);
    const complete = e.complete === true;
    const ceremony = isRecord(e.ceremony) ? e.ceremony : {};
    const campaign = isRecord(e.campaign) ? e.campaign : {};
    all.push(...notes.map((n) => `${year} : ${n}`));
    const result: EditionResults = {
      edition: year,
      number: Number(e.edition),
      scale: year >= 2025 ? 'medailles' : 'niveaux',
      complete,
      ...(complete
        ? {}
        : {
            completenessNote: `Liste partielle : ${known} lauréat${known > 1 ? 's' : ''} connu${known > 1 ? 's' : ''}${awarded ? ` sur ${awarded} publiés` : ''}.`,
          }),
      published: {
        ...(applications !== undefined ? { applications } : {}),
        ...(awarded !== undefined ? { awarded } : {}),
        ...(counts ? { levels: counts } : {}),
        ...(conflict ? { conflicts: [conflict] } : {}),
      },
      campaign: {
        start: date(campaign.start) ?? null,
        end: date(campaign.end) ?? null,
        ...(str(campaign.platform) ? { platform: str(campaign.platform)! } : {}),
      },
      juryDate: date(e.jury_date) ?? null,
      resultsPublished: date(e.results_published) ?? null,
      ceremony: {
        date: date(ceremony.date) ?? null,
        ...(str(ceremony.event) ? { event: publishableNoted(str(ceremony.event)!, 'cérémonie', notes) } : {}),
        ...(str(ceremony.place) ? { place: publishableNoted(str(ceremony.place)!, 'lieu de la cérémonie', notes) } : {}),
      },
      jury: (Array.isArray(e.jury) ? e.jury : []).filter(isRecord).map((j) => ({ name: String(j.name), ...(str(j.role) ? { role: str(j.role)! } : {}) })),
      laureates,
      sources: (Array.isArray(e.sources) ? e.sources : []).map(String),
      notes,
    };
    return result;
  });
  return { editions, notes: all };
}

function publishableNoted(value: string, what: string, notes: string[]): string {
  const clean = publishable(value);
  if (clean.note) notes.push(`${what} « ${clean.text} » : ${clean.note}`);
  return clean.text;
}

function laureateOf(a: Raw, notes: string[]): Laureate {
  const name = String(a.name);
  const kind = kindOf(a.type);
  const departement = str(a.dept);
  const l: Laureate = { name, kind, ...(departement ? { departement } : {}), level: levelOf(a.level), mentions: [] };
  const carrier = str(a.carrier);
  if (carrier && /^(M\.|Mme) /.test(carrier)) l.carrier = carrier;
  const insee = str(a.insee);
  const r = insee ? undefined : kind === 'commune' ? resolveCommune(name, departement) : kind === 'epci' ? resolveEpci(name) : undefined;
  if (insee) {
    l.code = insee;
    const again = resolveCommune(name, departement);
    if (again.status === 'found' && again.code === insee && again.population) {
      l.population = again.population;
      l.populationSource = POPULATION_SOURCE;
    }
  } else if (r?.status === 'found') {
    l.code = r.code;
    if (!l.departement && kind === 'commune') l.departement = r.code.startsWith('97') ? r.code.slice(0, 3) : r.code.slice(0, 2);
    if (r.population) {
      l.population = r.population;
      l.populationSource = POPULATION_SOURCE;
    }
  } else if (r?.status === 'ambiguous') {
    const list = r.candidates.map((c) => `${c.name} ${c.code}${c.departement ? ` (${c.departement})` : ''}`).join(', ');
    notes.push(`« ${name} » : plusieurs ${kind === 'epci' ? 'EPCI' : 'communes'} possibles (${list}) ; code laissé vide, à choisir`);
    // Where it may be, kept: the map never says « aucun lauréat » of a département it may be in.
    const possible = [...new Set(r.candidates.map((c) => c.departement).filter((d): d is string => Boolean(d)))].sort();
    if (!l.departement && possible.length > 1) l.possibleDepartements = possible;
  } else if (r?.status === 'none') {
    notes.push(
      `« ${name} »${departement ? ` (${departement})` : ''} : aucun${kind === 'epci' ? ' EPCI' : 'e commune'} de ce nom dans le découpage administratif actuel ; code laissé vide`,
    );
  }
  return l;
}
