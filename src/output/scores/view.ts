import type { Decisions, Result } from '../../decisions/decisions.js';
import type { Edition, Level } from '../../edition/types.js';
import { frCollator } from '../../util/french-text.js';
import { frNumber } from '../../util/french-format.js';
import type { ScoreCard } from '../../scoring/types.js';
import type { Provenance } from '../provenance.js';

export interface ScoresReport {
  edition: Edition;
  results: Result[];
  provenance: Provenance;
  decisions?: Decisions;
}

/** The level as a short mark: its id on the 1–5 scale, its label for medals. */
export function levelShort(edition: Edition, level: Level | null): string {
  if (!level) return '—';
  return edition.rubric.scale === 'niveaux' ? level.id : level.label;
}

const numberCollator = new Intl.Collator('fr', { numeric: true });

/** By final level, then total (both descending), then name in French order, then number. */
export function sortResults(edition: Edition, results: readonly Result[]): Result[] {
  const rank = new Map(edition.rubric.levels.map((l, i) => [l, i]));
  const rankOf = (l: Level | null) => (l ? (rank.get(l) ?? -1) : -1);
  return [...results].sort(
    (a, b) =>
      rankOf(b.final) - rankOf(a.final) ||
      b.card.total - a.card.total ||
      frCollator.compare(a.card.name, b.card.name) ||
      numberCollator.compare(a.card.number, b.card.number),
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
    card.stratum ? frNumber(card.total, edition.rubric.decimals) : '—',
  ];
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
