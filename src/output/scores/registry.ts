import { scoresCsv } from './csv.js';
import { scoresJson } from './json.js';
import { scoresMarkdown } from './markdown.js';
import { scoresTable } from './table.js';
import type { ScoresReport } from './view.js';

/** Renderers of `tnl score`, by format; the CLI's --format choices come from these keys. */
export const SCORE_RENDERERS = {
  table: scoresTable,
  csv: scoresCsv,
  json: scoresJson,
  md: scoresMarkdown,
} satisfies Record<string, (r: ScoresReport) => string | Iterable<string>>;

export type ScoreFormat = keyof typeof SCORE_RENDERERS;
export const SCORE_FORMATS = Object.keys(SCORE_RENDERERS) as ScoreFormat[];
