import { count, frCollator, frRoundFigure } from '../util/french.js';
import type { AuthorityKind } from '../edition/types.js';
import { authorityId } from './authority.js';
import { normaliseAuthorityName } from '../territory/authority-name.js';
import { SCALE_LEVELS, type Archive, type EditionResults, type Laureate, type PublishedToDate, type Scale } from './types.js';

/** A number that may only be a lower bound, because an edition it counts is incomplete. */
export interface Figure {
  value: number;
  lowerBound: boolean;
  /**
   * The figure ADULLACT published, when it is above what the archive can count: it is the one
   * printed (« plus de 70 », with its year), never the archive's lower one.
   */
  published?: { year: number; source: string; qualifier?: 'plus de'; counted: Figure };
}

/** A figure as a document prints it: « au moins 50 », « plus de 70 », « 10 millions ». */
export function figureText(f: Figure): string {
  return `${f.published?.qualifier ? `${f.published.qualifier} ` : f.lowerBound ? 'au moins ' : ''}${frRoundFigure(f.value)}`;
}

/** The ordering of published claims: « plus de 70 » says more than « 70 ». */
const claim = (value: number, qualifier?: 'plus de') => value + (qualifier ? 0.5 : 0);

/**
 * A cumulative figure up to an edition: the archive's count, unless ADULLACT published a higher one
 * up to that edition (or before it: the figures only grow), which then wins. An exact count from a
 * complete archive that a publication contradicts is not printed below it either.
 */
export function withPublished(computed: Figure, editions: readonly EditionResults[], figure: PublishedToDate['figure']): Figure {
  const published = editions.flatMap((e) => (e.published.to_date ?? []).filter((p) => p.figure === figure).map((p) => ({ ...p, through: e.edition })));
  const best = published.reduce<(PublishedToDate & { through: number }) | undefined>(
    (a, b) =>
      !a || claim(b.value, b.qualifier) > claim(a.value, a.qualifier) || (claim(b.value, b.qualifier) === claim(a.value, a.qualifier) && b.year > a.year)
        ? b
        : a,
    undefined,
  );
  if (!best || computed.value >= claim(best.value, best.qualifier)) return computed;
  // A figure published for an earlier edition is, today, a lower bound (« au moins 39 villes »).
  const last = Math.max(...editions.map((e) => e.edition));
  return {
    value: best.value,
    lowerBound: !best.qualifier && best.through < last,
    published: { year: best.year, source: best.source, ...(best.qualifier ? { qualifier: best.qualifier } : {}), counted: computed },
  };
}

export interface Participation {
  year: number;
  number: number;
  scale: Scale;
  level: string | null;
  laureate: Laureate;
}

export interface Timeline {
  id: string;
  name: string;
  kind: AuthorityKind;
  code?: string;
  departement?: string;
  /** Latest known population. */
  population?: number;
  participations: Participation[];
}

/**
 * Every authority's participations, keyed by a stable id: the INSEE/SIREN code when known (a
 * laureate printed without one borrows it from a same-named, same-département entry that has it),
 * else the normalised name and département.
 */
export function timelines(archive: Archive): Map<string, Timeline> {
  const codeByName = new Map<string, string>();
  for (const e of archive) for (const l of e.laureates) if (l.code) codeByName.set(`${normaliseAuthorityName(l.name)}|${l.departement ?? ''}`, l.code);
  const out = new Map<string, Timeline>();
  for (const e of [...archive].sort((a, b) => a.edition - b.edition)) {
    for (const l of e.laureates) {
      const code = l.code ?? codeByName.get(`${normaliseAuthorityName(l.name)}|${l.departement ?? ''}`);
      const id = authorityId({ ...l, ...(code ? { code } : {}) });
      const t = out.get(id) ?? { id, name: l.name, kind: l.kind, participations: [] };
      t.kind = l.kind;
      if (code) t.code = code;
      if (l.departement) t.departement = l.departement;
      if (l.population !== undefined) t.population = l.population;
      t.participations.push({ year: e.edition, number: e.number, scale: e.scale, level: l.level, laureate: l });
      out.set(id, t);
    }
  }
  // The name printed most often (the latest on a tie): « Ville d'Échirolles », not a one-off « Echirolles ».
  for (const t of out.values()) {
    const uses = new Map<string, number>();
    for (const p of t.participations) uses.set(p.laureate.name, (uses.get(p.laureate.name) ?? 0) + 1);
    t.name = [...uses.entries()].reduce((best, cur) => (cur[1] >= best[1] ? cur : best))[0];
  }
  return out;
}

const incompleteBefore = (archive: Archive, year: number) => archive.some((e) => e.edition < year && !e.complete);
const rankOf = (scale: Scale, level: string | null) => (level === null ? -1 : SCALE_LEVELS[scale].indexOf(level));

/** First participation known, and whether an earlier incomplete edition may hide an older one. */
export function firstParticipation(archive: Archive, t: Timeline): { year: number; lowerBound: boolean; atLatest?: boolean } {
  const year = Math.min(...t.participations.map((p) => p.year));
  // A participation published as the n-th (« pour sa deuxième participation ») places the first one
  // at least n - 1 editions earlier, even when the archive does not name it.
  const before = Math.min(year, ...t.participations.filter((p) => (p.laureate.participation ?? 1) > 1).map((p) => p.year - (p.laureate.participation! - 1)));
  return before < year ? { year: before, lowerBound: true, atLatest: true } : { year, lowerBound: incompleteBefore(archive, year) };
}

/** Runs of consecutive editions at the same known level. */
export function streaks(t: Timeline): { level: string; scale: Scale; from: number; to: number; length: number }[] {
  const runs: { level: string; scale: Scale; from: number; to: number; length: number }[] = [];
  for (const p of [...t.participations].sort((a, b) => a.year - b.year)) {
    const last = runs.at(-1);
    if (p.level !== null && last && last.level === p.level && last.scale === p.scale && last.to === p.year - 1) {
      last.to = p.year;
      last.length++;
    } else if (p.level !== null) runs.push({ level: p.level, scale: p.scale, from: p.year, to: p.year, length: 1 });
  }
  return runs;
}

/** Level change since the previous participation (same scale only): +1 = one level up. */
export function progression(t: Timeline, year: number): { from: string; to: string; previousYear: number; change: number } | undefined {
  const sorted = [...t.participations].sort((a, b) => a.year - b.year);
  const i = sorted.findIndex((p) => p.year === year);
  if (i <= 0) return undefined;
  const cur = sorted[i]!;
  const prev = [...sorted.slice(0, i)].reverse().find((p) => p.level !== null);
  if (!prev || cur.level === null || prev.scale !== cur.scale) return undefined;
  return { from: prev.level!, to: cur.level, previousYear: prev.year, change: rankOf(cur.scale, cur.level) - rankOf(prev.scale, prev.level) };
}

export interface KeyFigures {
  editions: number;
  from: number;
  to: number;
  /** Distinct laureates since the first edition, by kind, and in all. */
  laureatesByKind: Record<AuthorityKind, Figure>;
  laureates: Figure;
  /** The distinct laureates' populations, each counted once (latest known figure). */
  inhabitants: Figure;
  /** Laureates whose population is unknown (the inhabitants figure leaves them out). */
  withoutPopulation: number;
  perEdition: { year: number; number: number; scale: Scale; complete: boolean; laureates: Figure; levels: Record<string, Figure> }[];
  /** Published figures that contradict each other: said, never silently picked. */
  conflicts: { year: number; figure: string; values: number[]; kept: number; note: string }[];
}

/** The figures the press quotes, from the archive up to a year. Pure. */
export function keyFigures(archive: Archive, upTo?: number): KeyFigures {
  const editions = archive.filter((e) => upTo === undefined || e.edition <= upTo).sort((a, b) => a.edition - b.edition);
  const partial = editions.some((e) => !e.complete);
  const all = [...timelines(editions).values()];
  const byKind = Object.fromEntries(
    (['commune', 'epci', 'syndicat', 'departement', 'region', 'autre'] as const).map((k) => [
      k,
      withPublished({ value: all.filter((t) => t.kind === k).length, lowerBound: partial }, editions, k),
    ]),
  ) as Record<AuthorityKind, Figure>;
  const withPop = all.filter((t) => t.population !== undefined);
  return {
    editions: editions.length,
    from: editions[0]?.edition ?? 0,
    to: editions.at(-1)?.edition ?? 0,
    laureatesByKind: byKind,
    laureates: withPublished({ value: all.length, lowerBound: partial }, editions, 'laureates'),
    inhabitants: withPublished(
      { value: withPop.reduce((s, t) => s + t.population!, 0), lowerBound: partial || withPop.length < all.length },
      editions,
      'inhabitants',
    ),
    withoutPopulation: all.length - withPop.length,
    perEdition: editions.map((e) => editionCounts(e)),
    conflicts: editions.flatMap((e) =>
      (e.published.conflicts ?? []).map((c) => ({
        year: e.edition,
        figure: c.figure === 'awarded' ? 'lauréats' : c.figure === 'laureates_to_date' ? 'lauréats depuis la première édition' : 'candidatures',
        values: c.values,
        kept: c.values[0]!,
        note: c.note,
      })),
    ),
  };
}

/** Laureates per level of one edition: the published counts when the names are incomplete. */
export function editionCounts(e: EditionResults): KeyFigures['perEdition'][number] {
  const levels: Record<string, Figure> = {};
  for (const id of SCALE_LEVELS[e.scale]) {
    const known = e.laureates.filter((l) => l.level === id).length;
    const published = e.published.levels?.[id];
    levels[id] = published !== undefined ? { value: published, lowerBound: false } : { value: known, lowerBound: !e.complete };
  }
  const laureates =
    e.published.awarded !== undefined ? { value: e.published.awarded, lowerBound: false } : { value: e.laureates.length, lowerBound: !e.complete };
  return { year: e.edition, number: e.number, scale: e.scale, complete: e.complete, laureates, levels };
}

export interface MentionSuggestion {
  mention: 'premiere_candidature' | 'plus_petite' | 'continuite' | 'progression';
  label: string;
  who: string[];
  why: string;
}

/** Suggestions for the jury from the archive (and, when given, this edition's scores). Never decisions. */
export function suggestMentions(archive: Archive, year: number, scores?: Map<string, number>): MentionSuggestion[] {
  const edition = archive.find((e) => e.edition === year);
  if (!edition) return [];
  const tl = timelines(archive.filter((e) => e.edition <= year));
  const here = [...tl.values()].filter((t) => t.participations.some((p) => p.year === year));
  const caveat = incompleteBefore(archive, year) ? ' (d’après l’archive, incomplète pour les éditions précédentes)' : '';
  const out: MentionSuggestion[] = [];
  const levelOf = (t: Timeline) => t.participations.find((p) => p.year === year)!;
  const best = <T>(items: T[], key: (x: T) => number) => {
    const max = Math.max(...items.map(key));
    return items.filter((x) => key(x) === max);
  };
  const names = (ts: Timeline[]) => ts.map((t) => t.name).sort(frCollator.compare);

  const firsts = here.filter((t) => firstParticipation(archive, t).year === year && levelOf(t).level !== null);
  if (firsts.length) {
    const key = scores ? (t: Timeline) => scores.get(t.id) ?? -1 : (t: Timeline) => rankOf(edition.scale, levelOf(t).level);
    const top = best(firsts, key);
    out.push({
      mention: 'premiere_candidature',
      label: 'Meilleure première candidature',
      who: names(top),
      why: `${scores ? 'meilleure note' : 'plus haut niveau'} parmi ${firsts.length} première${firsts.length > 1 ? 's' : ''} participation${firsts.length > 1 ? 's' : ''}${caveat}`,
    });
  }
  const sized = here.filter((t) => t.population !== undefined);
  if (sized.length) {
    const min = Math.min(...sized.map((t) => t.population!));
    const who = sized.filter((t) => t.population === min);
    out.push({ mention: 'plus_petite', label: 'Plus petite collectivité', who: names(who), why: count(min, 'habitant') });
  }
  const runs = here
    .map((t) => ({ t, run: streaks(t).find((r) => r.to === year) }))
    .filter((x): x is { t: Timeline; run: NonNullable<typeof x.run> } => x.run !== undefined && x.run.length > 1);
  if (runs.length) {
    const top = best(runs, (x) => x.run.length);
    // Each one's own level: two authorities may hold their streaks at different levels.
    const levels = [...top].sort((a, b) => frCollator.compare(a.t.name, b.t.name)).map((x) => `${x.t.name} : ${x.run.level}`);
    const same = new Set(top.map((x) => x.run.level)).size === 1;
    out.push({
      mention: 'continuite',
      label: 'Meilleure continuité',
      who: names(top.map((x) => x.t)),
      why: `${top[0]!.run.length} éditions de suite au même niveau (${same ? top[0]!.run.level : levels.join(' ; ')})${caveat}`,
    });
  }
  const ups = here.map((t) => ({ t, p: progression(t, year) })).filter((x) => x.p && x.p.change > 0);
  if (ups.length) {
    const top = best(ups, (x) => x.p!.change);
    out.push({
      mention: 'progression',
      label: 'Plus forte progression',
      who: names(top.map((x) => x.t)),
      why: `+${top[0]!.p!.change} niveau${top[0]!.p!.change > 1 ? 'x' : ''} depuis la participation précédente`,
    });
  }
  return out;
}

type Applicant = { name: string; code?: string; departement?: string };
type Past = { year: number; scale: Scale; level: string | null }[];

/**
 * Each applicant's earlier results in the archive: its laureate entries before `year`, found by its
 * code, else by its normalised name (and département when both have one). Several authorities of
 * that name without a code: none (never a guess). The timelines and their indexes are built once.
 */
export function archiveHistories(archive: Archive, applicants: readonly Applicant[], year: number): Past[] {
  const all = [...timelines(archive.filter((e) => e.edition < year)).values()];
  const byCodeIndex = new Map<string, Timeline[]>();
  const byNameIndex = new Map<string, Timeline[]>();
  for (const t of all) {
    if (t.code) byCodeIndex.set(t.code, [...(byCodeIndex.get(t.code) ?? []), t]);
    const key = normaliseAuthorityName(t.name);
    byNameIndex.set(key, [...(byNameIndex.get(key) ?? []), t]);
  }
  return applicants.map((applicant) => {
    const byCode = applicant.code ? (byCodeIndex.get(applicant.code) ?? []) : [];
    const byName = (byNameIndex.get(normaliseAuthorityName(applicant.name)) ?? []).filter(
      (t) => (!t.departement || !applicant.departement || t.departement === applicant.departement) && !(t.code && applicant.code && t.code !== applicant.code),
    );
    const found = byCode.length === 1 ? byCode[0] : byCode.length === 0 && byName.length === 1 ? byName[0] : undefined;
    return found ? [...found.participations].sort((a, b) => a.year - b.year).map((p) => ({ year: p.year, scale: p.scale, level: p.level })) : [];
  });
}

/** The year's laureates against their own previous participation, counted under « never a false figure ». */
export interface YearMoves {
  year: number;
  /** Laureates one level or more above their previous known level (same scale): a lower bound when some previous levels are unknown. */
  progressed: Figure & { names: string[] };
  /** Laureates with no earlier participation in the archive: an upper bound (`uncertain`) when earlier editions are incomplete. */
  firstTime: { value: number; uncertain: boolean; names: string[] };
  /** The scale changed since the previous edition: levels are not compared. */
  newScale: boolean;
}

export function yearMoves(archive: Archive, year: number): YearMoves | undefined {
  const edition = archive.find((e) => e.edition === year);
  if (!edition) return undefined;
  const upTo = archive.filter((e) => e.edition <= year);
  const all = [...timelines(upTo).values()].filter((t) => t.participations.some((p) => p.year === year));
  const earlier = upTo.filter((e) => e.edition < year);
  const previousScale = earlier.sort((a, b) => b.edition - a.edition)[0]?.scale;
  const newScale = previousScale !== undefined && previousScale !== edition.scale;
  const progressed: string[] = [];
  let unknown = 0;
  for (const t of all) {
    const move = progression(t, year);
    if (move === undefined) {
      // A returning authority whose previous level is not known: it may have progressed.
      if (t.participations.some((p) => p.year < year)) unknown++;
      continue;
    }
    if (move.change > 0) progressed.push(t.name);
  }
  const firsts = all.filter((t) => firstParticipation(upTo, t).year === year);
  const uncertainFirst = firsts.some((t) => firstParticipation(upTo, t).lowerBound);
  return {
    year,
    progressed: {
      value: progressed.length,
      lowerBound: !edition.complete || unknown > 0 || earlier.some((e) => !e.complete),
      names: progressed.sort(frCollator.compare),
    },
    firstTime: { value: firsts.length, uncertain: uncertainFirst || !edition.complete, names: firsts.map((t) => t.name).sort(frCollator.compare) },
    newScale,
  };
}
