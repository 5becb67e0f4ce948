/** The formats of `tnl rubric diff` (each has its renderer in src/output/rubric-diff.ts). */
export const RUBRIC_DIFF_FORMATS = ['table', 'json', 'md', 'codeclimate'] as const;
export type RubricDiffFormat = (typeof RUBRIC_DIFF_FORMATS)[number];
