/**
 * The formats of `tnl history` (src/output/history.ts writes each): the table is the Markdown read
 * in a terminal; csv is the open-data table, one row per laureate and edition.
 */
export const HISTORY_FORMATS = ['table', 'md', 'json', 'csv'] as const;
export type HistoryFormat = (typeof HISTORY_FORMATS)[number];
