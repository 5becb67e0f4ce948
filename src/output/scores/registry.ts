import type { ScoreFormat } from './formats.js';
import type { ScoresReport } from './view.js';

export type ScoreRenderer = (r: ScoresReport) => string | Iterable<string>;

/**
 * Renderers of `tnl score`, by format, each loaded when asked for (csv-stringify is not loaded to
 * write JSON). Typed by the format list the command line offers: a format without a renderer, or a
 * renderer without its format, does not compile.
 */
const RENDERERS: Record<ScoreFormat, () => Promise<ScoreRenderer>> = {
  table: async () => (await import('./table.js')).scoresTable,
  csv: async () => (await import('./csv.js')).scoresCsv,
  json: async () => (await import('./json.js')).scoresJson,
  md: async () => (await import('./markdown.js')).scoresMarkdown,
};

export function scoreRenderer(format: ScoreFormat): Promise<ScoreRenderer> {
  return RENDERERS[format]();
}
