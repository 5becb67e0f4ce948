/**
 * French typography for terminal text: a no-break space before « : ; ! ? » and after the opening
 * guillemet, before the closing one (a narrow one before ; ! ?, as the Imprimerie nationale does).
 */
export function frenchSpaces(s: string): string {
  return s
    .replace(/ ([:»])/g, '\u00a0$1')
    .replace(/ ([;!?])/g, '\u202f$1')
    .replace(/« /g, '«\u00a0');
}
