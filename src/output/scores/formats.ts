/** The formats of `tnl score` (the keys of the renderer registry, src/output/scores/registry.ts). */
export const SCORE_FORMATS = ['table', 'csv', 'json', 'md'] as const;
export type ScoreFormat = (typeof SCORE_FORMATS)[number];
