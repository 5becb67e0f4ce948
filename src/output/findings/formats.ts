/** The formats findings are reported in (each has its formatter in src/output/findings/formatters.ts). */
export const FINDINGS_FORMATS = ['stylish', 'json', 'codeclimate', 'github'] as const;
export type FindingsFormat = (typeof FINDINGS_FORMATS)[number];
