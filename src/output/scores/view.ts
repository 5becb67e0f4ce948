import type { Decisions, Result } from '../../decisions/decisions.js';
import type { Edition, Level } from '../../edition/types.js';
import { frCollator } from '../../util/french-text.js';
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

export function levelRank(edition: Edition, level: Level | null): number {
  return level ? edition.rubric.levels.indexOf(level) : -1;
}

/** By final level, then total (both descending), then name in French order. */
export function sortResults(edition: Edition, results: readonly Result[]): Result[] {
  return [...results].sort(
    (a, b) =>
      levelRank(edition, b.final) - levelRank(edition, a.final) ||
      b.card.total - a.card.total ||
      frCollator.compare(a.card.name, b.card.name) ||
      a.card.number.localeCompare(b.card.number, 'fr', { numeric: true }),
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
