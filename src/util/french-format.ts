/** French number formatting: `12 345,6` with a no-break space as thousands separator. */
export function frNumber(n: number, decimals?: number): string {
  const s = n.toLocaleString('fr-FR', decimals === undefined ? { maximumFractionDigits: 3 } : { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
  return s.replace(/[\u202f\s]/g, '\u00a0');
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
