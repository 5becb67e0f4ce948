import type { ScoresReport } from './view.js';

export type ScoreRenderer = (r: ScoresReport) => string | Iterable<string>;

/**
 * Renderers of `tnl score`, by format, each loaded when asked for (csv-stringify is not loaded to
 * write JSON); the CLI's --format choices come from these keys.
 */
const RENDERERS = {
  table: async () => (await import('./table.js')).scoresTable,
  csv: async () => (await import('./csv.js')).scoresCsv,
  json: async () => (await import('./json.js')).scoresJson,
  md: async () => (await import('./markdown.js')).scoresMarkdown,
} satisfies Record<string, () => Promise<ScoreRenderer>>;

export type ScoreFormat = keyof typeof RENDERERS;
export const SCORE_FORMATS = Object.keys(RENDERERS) as ScoreFormat[];

export function scoreRenderer(format: ScoreFormat): Promise<ScoreRenderer> {
  return RENDERERS[format]();
}
