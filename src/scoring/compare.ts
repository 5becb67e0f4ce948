import type { Edition } from '../edition/types.js';
import type { Dossier } from '../ingest/dossier.js';
import { scoreAll } from './score.js';

export interface LevelChange {
  number: string;
  name: string;
  stratum?: string;
  from: string | null;
  to: string | null;
  totalFrom: number;
  totalTo: number;
  delta: number;
  /** +1 up, −1 down (by rank on the new scale), 0 same level. */
  direction: number;
}

export interface RubricComparison {
  dossiers: number;
  changes: LevelChange[];
  /** Every dossier, changed or not (for the score movement). */
  all: LevelChange[];
  up: number;
  down: number;
  /** Per new level: how many arrive from below, leave downward… */
  byLevel: Record<string, { gained: number; lost: number }>;
}

/**
 * Scores the same dossiers with two editions (two rubrics) and lists the level changes. Pure.
 * `dossiersAfter`: the same dossiers read with the second edition's questionnaire (last year's
 * export under this year's rubric), in the same order.
 */
export function compareRubrics(dossiers: readonly Dossier[], before: Edition, after: Edition, dossiersAfter: readonly Dossier[] = dossiers): RubricComparison {
  const a = scoreAll(dossiers, { edition: before }, { withPath: false });
  const b = scoreAll(dossiersAfter, { edition: after }, { withPath: false });
  if (a.length !== b.length || a.some((x, i) => x.number !== b[i]!.number)) throw new Error('compareRubrics: the two readings of the export differ');
  const rank = (e: Edition, id: string | null) => (id === null ? -1 : e.rubric.levels.findIndex((l) => l.id === id));
  const all: LevelChange[] = a.map((x, i) => {
    const y = b[i]!;
    const from = x.level?.id ?? null;
    const to = y.level?.id ?? null;
    const rf = rank(after, from);
    const rt = rank(after, to);
    return {
      number: x.number,
      name: x.name,
      ...(y.stratum ? { stratum: y.stratum.id } : {}),
      from,
      to,
      totalFrom: x.total,
      totalTo: y.total,
      delta: Math.round((y.total - x.total) * 10) / 10,
      direction: from === to ? 0 : rt > rf ? 1 : -1,
    };
  });
  const changes = all.filter((c) => c.from !== c.to);
  const byLevel: RubricComparison['byLevel'] = {};
  for (const l of after.rubric.levels)
    byLevel[l.id] = { gained: changes.filter((c) => c.to === l.id).length, lost: changes.filter((c) => c.from === l.id).length };
  return {
    dossiers: all.length,
    changes,
    all,
    up: changes.filter((c) => c.direction > 0).length,
    down: changes.filter((c) => c.direction < 0).length,
    byLevel,
  };
}
