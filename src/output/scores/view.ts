import { byDossier } from '../../findings/finding.js';
import { frCollator, frNumber } from '../../util/french.js';
import type { Decisions, Result } from '../../decisions/decisions.js';
import type { Edition, Level } from '../../edition/types.js';
import type { ScoreCard } from '../../scoring/types.js';
import type { Provenance } from '../provenance.js';

export interface ScoresReport {
  edition: Edition;
  results: Result[];
  provenance: Provenance;
  decisions?: Decisions;
  /** Dossiers deposited (every state past the draft), scored or not: the applications the press counts. */
  deposited?: number;
}

/** The level as a short mark: its id on the 1–5 scale, its label for medals. */
export function levelShort(edition: Edition, level: Level | null): string {
  if (!level) return '—';
  return edition.rubric.scale === 'niveaux' ? level.id : level.label;
}

/** The level in running text: « niveau 4 (politique volontariste) », « Argent »; `none` when there is none. */
export function levelWords(edition: Edition, id: string | undefined | null, none: string): string {
  const l = edition.rubric.levels.find((x) => x.id === id);
  return !l ? none : edition.rubric.scale === 'niveaux' ? `niveau ${l.id} (${l.label})` : l.label;
}

/** By final level, then total (both descending), then name in French order, then number. */
export function sortResults(edition: Edition, results: readonly Result[]): Result[] {
  const rank = new Map(edition.rubric.levels.map((l, i) => [l, i]));
  const rankOf = (l: Level | null) => (l ? (rank.get(l) ?? -1) : -1);
  return [...results].sort(
    (a, b) =>
      rankOf(b.final) - rankOf(a.final) ||
      b.card.total - a.card.total ||
      frCollator.compare(a.card.name, b.card.name) ||
      byDossier(a.card.number, b.card.number),
  );
}

export const KIND_FR: Record<string, string> = {
  commune: 'commune',
  epci: 'EPCI',
  syndicat: 'syndicat',
  departement: 'département',
  region: 'région',
  autre: 'autre',
};

/** The cells every score table shows: kind, population, stratum, each volet's sub-score, total. */
export function scoreCells(edition: Edition, card: ScoreCard): string[] {
  return [
    card.kind ? KIND_FR[card.kind]! : '?',
    card.population !== undefined ? frNumber(card.population) : '?',
    card.stratum?.id ?? '—',
    ...edition.questionnaire.volets.map((v) => {
      const s = card.volets.find((x) => x.id === v.id);
      return s?.ratio === undefined ? '—' : frNumber(Math.round(s.ratio * 1000) / 10, 1);
    }),
    card.stratum ? `${frNumber(card.total, edition.rubric.decimals)}${card.incomplete ? INCOMPLETE_MARK : ''}` : '—',
  ];
}

/** The mark of a total computed from an incomplete export, and its note under a table. */
export const INCOMPLETE_MARK = ' ⚠';

/** The proposed level as a table shows it: « non noté » when the dossier could not be scored. */
export function proposedShort(edition: Edition, card: ScoreCard, level: Level | null): string {
  return card.notScored ? 'non noté' : levelShort(edition, level);
}

/** The status of a result in the data formats: complete, incomplete (export), not scored. */
export function resultStatus(card: ScoreCard): 'complet' | 'incomplet' | 'non noté' {
  return card.notScored ? 'non noté' : card.incomplete ? 'incomplet' : 'complet';
}

/** The jury's criteria a card has no grade for. */
export function ungradedCriteria(card: ScoreCard): string[] {
  return (card.jury ?? []).filter((j) => j.grade === undefined).map((j) => j.criterion);
}

/**
 * The scored dossiers whose total is incomplete, and why: questions the export did not carry
 * (`ids`, with the dossiers missing them), jury criteria without grades (`criteria`, likewise).
 */
export function incompleteTotals(results: readonly Result[]): {
  dossiers: Result[];
  ids: string[];
  fromExport: Result[];
  criteria: string[];
  ungraded: Result[];
} {
  const dossiers = results.filter((x) => x.card.incomplete && !x.card.notScored);
  const ungradedOf = new Map(dossiers.map((r) => [r, ungradedCriteria(r.card)]));
  const questionsOf = (r: Result) => {
    const criteria = ungradedOf.get(r)!;
    return criteria.length ? r.card.incomplete!.filter((id) => !criteria.includes(id)) : r.card.incomplete!;
  };
  const fromExport = dossiers.filter((r) => questionsOf(r).length);
  const ungraded = dossiers.filter((r) => ungradedOf.get(r)!.length);
  return {
    dossiers,
    ids: [...new Set(fromExport.flatMap(questionsOf))],
    fromExport,
    criteria: [...new Set(ungraded.flatMap((r) => ungradedOf.get(r)!))],
    ungraded,
  };
}

/** The notes under a score table: incomplete totals and dossiers not scored, with their counts. */
export function statusNotes(results: readonly Result[]): string[] {
  const notes: string[] = [];
  const { fromExport, ids, ungraded, criteria } = incompleteTotals(results);
  if (fromExport.length) {
    notes.push(
      `⚠ total incomplet pour ${fromExport.length} dossier${fromExport.length > 1 ? 's' : ''} : ${ids.map((id) => `« ${id} »`).join(', ')} absent${ids.length > 1 ? 's' : ''} de l’export (bloc répétable) ; le niveau peut changer avec l’export complet`,
    );
  }
  if (ungraded.length)
    notes.push(
      `⚠ total incomplet pour ${ungraded.length} dossier${ungraded.length > 1 ? 's' : ''} : note${criteria.length > 1 ? 's' : ''} du jury manquante${criteria.length > 1 ? 's' : ''} (${criteria.map((id) => `« ${id} »`).join(', ')}) ; le niveau peut changer avec les notes du jury`,
    );
  const notScored = results.filter((x) => x.card.notScored);
  if (notScored.length)
    notes.push(
      `non noté : ${notScored.length} dossier${notScored.length > 1 ? 's' : ''} sans niveau proposé (${notScored.map((x) => `${x.card.number} : ${x.card.notScored}`).join(' ; ')})`,
    );
  return notes;
}

/** Authority kinds in running text, singular and plural. */
export const KIND_WORDS: Record<string, [string, string]> = {
  commune: ['commune', 'communes'],
  epci: ['EPCI', 'EPCI'],
  syndicat: ['syndicat', 'syndicats'],
  departement: ['département', 'départements'],
  region: ['région', 'régions'],
  autre: ['autre organisme', 'autres organismes'],
};
