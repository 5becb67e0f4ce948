/** Untrusted text made safe where it goes: Markdown (no HTML, no markup) and CSV (no formula). Pure. */

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

/** Characters a spreadsheet may start a formula with, the full-width forms included. */
const FORMULA_START = /^[=+\-@\uff1d\uff0b\uff0d\uff20]/;
/**
 * A CSV cell that a spreadsheet will never run as a formula: text whose first character, or first
 * character after leading white space or control characters, could start a formula (= + - @ and
 * their full-width forms), or that starts with a tab or a line break, is prefixed with an
 * apostrophe. A text that looks like a number is text all the same (« -5 », « +33 1 23 » in a code
 * or a name column: a spreadsheet would compute them): only the numbers tnl computes, passed as
 * numbers, stay numeric.
 */
export function csvSafe(value: string | number | null | undefined): string | number {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return value;
  if (value === '') return value;
  // Most cells start with a letter or a digit: nothing to neutralise, no regular expression run.
  const first = value.charCodeAt(0);
  if ((first >= 0x41 && first <= 0x5a) || (first >= 0x61 && first <= 0x7a) || (first >= 0xc0 && first < 0xff00)) return value;
  const start = value.replace(/^[\s\u0000-\u001f\u007f\u00a0\u200b\ufeff]+/, '');
  return FORMULA_START.test(start) || /^[\t\r\n]/.test(value) ? `'${value}` : value;
}

/** A row of CSV cells, each made safe: what every CSV writer of tnl passes to csv-stringify. */
export const csvSafeRow = (row: readonly (string | number | null | undefined)[]): (string | number)[] => row.map(csvSafe);

/** Text safe in HTML, in an element or a quoted attribute. */
export function htmlEscape(s: string | number): string {
  return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
