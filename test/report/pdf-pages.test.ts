import { describe, expect, it } from 'vitest';
import { pdfDestinationPages, pdfPageCount } from '../../src/report/pdf-pages.js';

/** A PDF's objects as Chromium writes them (dictionaries in clear), enough for the page tree and /Dests. */
function pdf(objects: Record<number, string>): Uint8Array {
  const body = Object.entries(objects)
    .map(([n, o]) => `${n} 0 obj\n${o}\nendobj\n`)
    .join('');
  return Buffer.from(`%PDF-1.4\n${body}trailer\n<</Root 1 0 R>>\n%%EOF\n`, 'latin1');
}

describe('reading back a printed PDF', () => {
  it('a flat page tree: each destination on its page, the count from /Count', () => {
    const file = pdf({
      1: '<</Type /Catalog\n/Pages 2 0 R\n/Dests 9 0 R>>',
      2: '<</Type /Pages\n/Count 3\n/Kids [3 0 R 4 0 R 5 0 R]>>',
      3: '<</Type /Page\n/Parent 2 0 R>>',
      4: '<</Type /Page\n/Parent 2 0 R>>',
      5: '<</Type /Page\n/Parent 2 0 R>>',
      9: '<</recapitulatif [4 0 R /XYZ 6 826.17 0]\n/dossier-1 [5 0 R /XYZ 6 826.17 0]>>',
    });
    expect(pdfPageCount(file)).toBe(3);
    expect([...pdfDestinationPages(file)]).toEqual([
      ['recapitulatif', 2],
      ['dossier-1', 3],
    ]);
  });

  it('a nested page tree (long books) is walked in order, kids listed before their parents included', () => {
    const file = pdf({
      7: '<</Type /Page\n/Parent 3 0 R>>',
      1: '<</Type /Catalog\n/Pages 2 0 R\n/Dests 9 0 R>>',
      2: '<</Type /Pages\n/Count 4\n/Kids [3 0 R 4 0 R]>>',
      3: '<</Type /Pages\n/Parent 2 0 R\n/Count 2\n/Kids [5 0 R 7 0 R]>>',
      4: '<</Type /Pages\n/Parent 2 0 R\n/Count 2\n/Kids [6 0 R 8 0 R]>>',
      5: '<</Type /Page\n/Parent 3 0 R>>',
      6: '<</Type /Page\n/Parent 4 0 R>>',
      8: '<</Type /Page\n/Parent 4 0 R>>',
      9: '<</a [7 0 R /XYZ 0 0 0]\n/b [6 0 R /XYZ 0 0 0]\n/c [8 0 R /Fit]\n/dossier#2D2 [5 0 R /Fit]>>',
    });
    expect(pdfPageCount(file)).toBe(4);
    expect(Object.fromEntries(pdfDestinationPages(file))).toEqual({ a: 2, b: 3, c: 4, 'dossier-2': 1 });
  });

  it('a PDF without destinations gives none, never a wrong page', () => {
    const file = pdf({ 1: '<</Type /Catalog\n/Pages 2 0 R>>', 2: '<</Type /Pages\n/Count 1\n/Kids [3 0 R]>>', 3: '<</Type /Page>>' });
    expect(pdfDestinationPages(file).size).toBe(0);
  });
});
