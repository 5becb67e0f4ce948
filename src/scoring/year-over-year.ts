/**
 * Year over year: why a returning authority's total moved. Three scores of the same authority:
 * last year's (its answers, last year's rubric), its answers of last year under this year's rubric
 * (the same export read with this year's questionnaire), and this year's. The change splits in
 * two: the rubric's effect (same answers, new rubric) and the answers' effect (new answers, same
 * rubric), each with the questions that moved the total most. Pure.
 */
import { normaliseAuthorityName } from '../territory/authority-name.js';
import type { ScoreCard } from './types.js';
import { own } from '../util/own.js';

/** A question's (or jury criterion's) share of a card's total, in points of the total. */
function contributions(card: ScoreCard): Map<string, number> {
  const den = card.volets.reduce((s, v) => (v.ratio === undefined || v.weight <= 0 ? s : s + v.weight), 0);
  const out = new Map<string, number>();
  if (!den) return out;
  const voletOf = new Map(card.volets.map((v) => [v.id, v]));
  const add = (id: string, volet: string, points: number) => {
    const v = voletOf.get(volet);
    if (!v || v.ratio === undefined || v.weight <= 0 || v.max <= 0) return;
    out.set(id, (out.get(id) ?? 0) + (100 * v.weight * points) / (v.max * den));
  };
  for (const q of card.questions) add(q.id, q.volet, q.points);
  for (const j of card.jury ?? []) add(j.criterion, j.volet, j.points);
  return out;
}

/** The questions whose share moved most from one card to the other (largest change first, then id). */
export function movers(from: ScoreCard, to: ScoreCard, howMany = 3): { question: string; delta: number }[] {
  const a = contributions(from);
  const b = contributions(to);
  return [...new Set([...a.keys(), ...b.keys()])]
    .map((question) => ({ question, delta: Math.round(((b.get(question) ?? 0) - (a.get(question) ?? 0)) * 100) / 100 }))
    .filter((m) => Math.abs(m.delta) >= 0.05)
    .sort((x, y) => Math.abs(y.delta) - Math.abs(x.delta) || (x.question < y.question ? -1 : 1))
    .slice(0, howMany);
}

export interface YearComparison {
  /**
   * `mappedLevel`: last year's level on this year's scale, when the scales differ and this year's
   * rubric declares the correspondence (`previous_levels`).
   */
  previous: { edition: number; number: string; level: string | null; total: number; mappedLevel?: string };
  current: { level: string | null; total: number };
  /** How the authority was found last year: its code, or its name alone (to confirm). */
  matchedBy: 'code' | 'name';
  /** Different scales (levels 1–5, then Badge…Or): levels are not compared, totals and ranks are. */
  sameScale: boolean;
  /** Rank within the stratum, last year and this year (1 = best), and the stratum's size. */
  rank?: { previous: number; previousOf: number; current: number; currentOf: number };
  /**
   * Same answers, this year's rubric, minus last year's total; and this year's answers minus the
   * same answers. Absent when the questionnaires differ too much (most of this year's questions
   * have no answer in last year's export): the totals and ranks alone then.
   */
  rubricEffect?: { total: number; movers: { question: string; delta: number }[] };
  answersEffect?: { total: number; movers: { question: string; delta: number }[] };
  /** This year's scored questions that last year's export does not answer: their effect is the answers'. */
  unanswered: string[];
}

const r1 = (x: number) => Math.round(x * 10) / 10;

/** The comparison of one authority's three scores (see the module's comment). */
export function compareYears(
  current: ScoreCard,
  previous: ScoreCard,
  sameAnswersNow: ScoreCard,
  o: {
    previousEdition: number;
    matchedBy: 'code' | 'name';
    sameScale: boolean;
    rank?: YearComparison['rank'];
    /** Scales that differ: this year's level for last year's (the rubric's `previous_levels`). */
    previousLevels?: Readonly<Record<string, string>>;
  },
): YearComparison {
  const answered = new Set(sameAnswersNow.questions.filter((q) => q.status === 'scored').map((q) => q.id));
  const scoredNow = current.questions.filter((q) => q.status === 'scored');
  const unanswered = scoredNow.filter((q) => !answered.has(q.id)).map((q) => q.id);
  // Half of this year's questions or more without an answer last year: no split of the move.
  const comparable = scoredNow.length > 0 && unanswered.length * 2 < scoredNow.length;
  const level = previous.level?.id ?? null;
  const mappedLevel = !o.sameScale && level !== null && o.previousLevels ? own(o.previousLevels, level) : undefined;
  return {
    previous: { edition: o.previousEdition, number: previous.number, level, total: previous.total, ...(mappedLevel ? { mappedLevel } : {}) },
    current: { level: current.level?.id ?? null, total: current.total },
    matchedBy: o.matchedBy,
    sameScale: o.sameScale,
    ...(o.rank ? { rank: o.rank } : {}),
    ...(comparable
      ? {
          rubricEffect: { total: r1(sameAnswersNow.totalExact - previous.totalExact), movers: movers(previous, sameAnswersNow) },
          answersEffect: { total: r1(current.totalExact - sameAnswersNow.totalExact), movers: movers(sameAnswersNow, current) },
        }
      : {}),
    unanswered,
  };
}

export interface Link {
  current: string;
  previous?: string;
  matchedBy?: 'code' | 'name';
  /** Several of last year's dossiers fit: listed, never guessed. */
  candidates?: string[];
}

/**
 * Each of this year's dossiers linked to last year's of the same authority: by its code (INSEE or
 * SIREN), else by its normalised name (and département, when both have one). Two or more
 * candidates: ambiguous, listed, never guessed.
 */
export function linkDossiers(current: readonly ScoreCard[], previous: readonly ScoreCard[]): Link[] {
  const byCode = new Map<string, ScoreCard[]>();
  const byName = new Map<string, ScoreCard[]>();
  const push = (m: Map<string, ScoreCard[]>, k: string, c: ScoreCard) => m.set(k, [...(m.get(k) ?? []), c]);
  for (const p of previous) {
    if (p.code) push(byCode, p.code, p);
    push(byName, normaliseAuthorityName(p.name), p);
  }
  return current.map((c): Link => {
    const codeMatches = c.code ? (byCode.get(c.code) ?? []) : [];
    if (codeMatches.length === 1) return { current: c.number, previous: codeMatches[0]!.number, matchedBy: 'code' };
    if (codeMatches.length > 1) return { current: c.number, candidates: codeMatches.map((p) => p.number) };
    const names = (byName.get(normaliseAuthorityName(c.name)) ?? []).filter((p) => !c.departement || !p.departement || p.departement === c.departement);
    // A name shared with a dossier of another code is another authority.
    const fit = names.filter((p) => !(p.code && c.code && p.code !== c.code));
    if (fit.length === 1) return { current: c.number, previous: fit[0]!.number, matchedBy: 'name' };
    if (fit.length > 1) return { current: c.number, candidates: fit.map((p) => p.number) };
    return { current: c.number };
  });
}

/** Each card's rank within its stratum by total (1 = best; ties share the better rank). */
export function ranksInStratum(cards: readonly ScoreCard[]): Map<string, { rank: number; of: number }> {
  const out = new Map<string, { rank: number; of: number }>();
  const byStratum = new Map<string, ScoreCard[]>();
  for (const c of cards) if (c.stratum) byStratum.set(c.stratum.id, [...(byStratum.get(c.stratum.id) ?? []), c]);
  for (const list of byStratum.values())
    for (const c of list) out.set(c.number, { rank: 1 + list.filter((x) => x.totalExact > c.totalExact).length, of: list.length });
  return out;
}
