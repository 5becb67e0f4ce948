/** The formats of `tnl explain` (each has its renderer in EXPLAIN_RENDERERS, src/output/explain.ts). */
export const EXPLAIN_FORMATS = ['md', 'json'] as const;
export type ExplainFormat = (typeof EXPLAIN_FORMATS)[number];
