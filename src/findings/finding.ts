/** A problem found in an input, reported like a lint message: data, never an exception. */
export type Severity = 'error' | 'warning' | 'info';

export interface Finding {
  severity: Severity;
  /** Stable rule id, e.g. `rubric/strata-gap`. */
  rule: string;
  /** French, user-facing. */
  message: string;
  file?: string;
  line?: number;
  column?: number;
  /** Dossier number, for findings about answers. */
  dossier?: string;
  /** Column header or champ label the value came from. */
  field?: string;
}

/**
 * The message with the dossier and the field it is about, for every text format (the JSON format
 * carries them as fields): « dossier 118340, « Nombre de postes » : … ».
 */
export function messageWithPlace(f: Finding): string {
  if (!f.dossier || f.message.startsWith(`dossier ${f.dossier}`)) return f.message;
  return `dossier ${f.dossier}${f.field ? `, «\u00a0${f.field}\u00a0»` : ''} : ${f.message}`;
}

export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity] += 1;
  return counts;
}

/** `--strict` turns warnings into errors. */
export function strictify(findings: readonly Finding[]): Finding[] {
  return findings.map((f) => (f.severity === 'warning' ? { ...f, severity: 'error' } : f));
}

export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}

const order: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Identifiers (paths, rule ids) in a fixed order, the same on every machine and locale. */
const byCode = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Dossier numbers in number order (« 9 » before « 10 »), other ids after them by code. */
export function byDossier(a: string, b: string): number {
  const na = /^\d+$/.test(a) ? Number(a) : NaN;
  const nb = /^\d+$/.test(b) ? Number(b) : NaN;
  if (!Number.isNaN(na) && !Number.isNaN(nb)) return na - nb;
  if (!Number.isNaN(na)) return -1;
  if (!Number.isNaN(nb)) return 1;
  return byCode(a, b);
}

/** Stable order: file, line, column, dossier, then severity and rule. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      byCode(a.file ?? '', b.file ?? '') ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      byDossier(a.dossier ?? '', b.dossier ?? '') ||
      order[a.severity] - order[b.severity] ||
      byCode(a.rule, b.rule),
  );
}
