const formats = new Map<number | undefined, Intl.NumberFormat>();

/**
 * French number formatting: `12 345,6` with a no-break space as thousands separator. The formatters
 * are made once per number of decimals (`toLocaleString` with options makes one per call, which
 * made a table of 10 000 dossiers take a second).
 */
export function frNumber(n: number, decimals?: number): string {
  let format = formats.get(decimals);
  if (!format) {
    format = new Intl.NumberFormat('fr-FR', decimals === undefined ? { maximumFractionDigits: 3 } : { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    formats.set(decimals, format);
  }
  return format.format(n).replace(/[\u202f\s]/g, '\u00a0');
}

/** 12.5 → « 12,5 % » */
export function frPercent(n: number, decimals = 1): string {
  return `${frNumber(n, decimals)}\u00a0%`;
}

/** Markdown-safe text that keeps its line breaks: no HTML, no emphasis, no link, no table break from data. */
export function mdEscapeText(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|~])/g, '\\$1')
    .replace(/^(\s*)([#>+-]|\d+\.)(\s)/gm, '$1\\$2$3');
}

/** Markdown-safe text on one line (a table cell, a list item). */
export function mdEscape(s: string): string {
  return mdEscapeText(s).replace(/\r?\n/g, ' ');
}

/** A CSV cell that a spreadsheet will never run as a formula. */
export function csvSafe(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}
