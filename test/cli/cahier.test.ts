import { describe, expect, it, vi } from 'vitest';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { plain, root, tempDir, tnl } from '../helpers/cli.js';
import { browserPath } from '../helpers/browser.js';
import { fixtureSubset } from '../helpers/edition.js';

const text = (file: string, first?: number) =>
  plain(execFileSync('pdftotext', [...(first ? ['-f', String(first), '-l', String(first)] : []), '-layout', file, '-'], { encoding: 'utf8' })).replace(
    /\s+/g,
    ' ',
  );

describe.skipIf(!browserPath)('tnl cahier (PDF)', () => {
  it('the cahier has a table of contents whose page numbers are right', async () => {
    // Nine dossiers of the fixture (about 30 pages), Échirolles and the long answers among them.
    const nine = fixtureSubset('nine', (i) => i % 3 === 2);
    const out = join(tempDir(), 'cahier.pdf');
    // The book is printed twice, whatever its size: once to measure, once with the page numbers.
    const built = (await import(join(root, 'dist', 'report', 'pdf.js'))) as typeof import('../../src/report/pdf.js');
    const prints = vi.spyOn(built.PdfRenderer.prototype, 'pdf');
    let r;
    let printed;
    try {
      r = await tnl(['cahier', nine, '--edition', '2024', '--grades', 'fixtures/notes-jury-2024.yaml', '--out', out]);
      printed = prints.mock.calls.length;
    } finally {
      prints.mockRestore();
    }
    expect(r.code, r.stderr).toBe(0);
    expect(printed).toBe(2);
    const first = text(out, 1);
    const m = /118731 — Ville d'Échirolles (\d+)/.exec(first);
    expect(m).not.toBeNull();
    expect(text(out, Number(m![1]))).toMatch(/^ ?118731 — Ville d'Échirolles/);
    const summary = /Tableau récapitulatif (\d+)/.exec(first)!;
    expect(text(out, Number(summary[1]))).toMatch(/Tableau récapitulatif/);
    // The jury page, listed in the table of contents: agreement per criterion and overall.
    const juryPage = /Le jury : accord et désaccords (\d+)/.exec(first)!;
    expect(text(out, Number(juryPage[1]))).toMatch(
      /Le jury : accord et désaccords .*Qualité de la stratégie \d,\d{3} \d,\d{3} .*Tous les critères \d,\d{3} \d,\d{3}/,
    );
    // Each dossier shows its jurors' grades (the cahier is the jury's own book).
    expect(text(out, Number(m![1]))).toMatch(/Critères du jury .*Qualité de la stratégie \d(,5)? \w+ \d, \w+ \d/);
    const all = text(out);
    expect(all).toContain('Habitudes des agents et formats imposés par certains partenaires. Des logiciels métier sans équivalent libre.');
  });
});
