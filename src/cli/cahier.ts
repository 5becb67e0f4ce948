import { writeAtomic } from '../files/atomic-write.js';
import { embeddedFonts, render } from '../files/templates.js';
import { UsageError } from '../findings/errors.js';
import { scoringNotice } from '../output/scoring-notice.js';
import { cahierView, type CahierVM } from '../report/cahier.js';
import { PdfRenderer } from '../report/pdf.js';
import { pdfDestinationPages, pdfPageCount } from '../report/pdf-pages.js';
import type { CahierOptions } from './cahier-wiring.js';
import type { Io } from './io.js';
import { at, templatesOf } from './paths.js';
import { scoreExport } from './pipeline.js';

/** What a table of contents shows before its pages are known: as wide as any real number. */
const PLACEHOLDER_PAGE = '000';

/**
 * `tnl cahier`: the jury's book as a PDF, printed twice. The first print has placeholder page
 * numbers as wide as the real ones; the page of each part is read back from its named destination
 * (the table of contents links to every part), then the book is printed again with those numbers.
 */
export async function cahierCommand(file: string, opts: CahierOptions, io: Io): Promise<number> {
  if (!/\.pdf$/i.test(opts.out)) throw new UsageError('le cahier du jury est un PDF : --out cahier.pdf');
  const s = await scoreExport(file, opts, io);
  const notice = scoringNotice(s.results);
  if (notice.length && !opts.quiet) io.stderr.write(`${notice.join('\n')}\n`);
  const vm = cahierView(s.edition, s.results, s.read.dossiers, s.grades, s.lastYear);
  const renderer = await PdfRenderer.launch(io.env);
  try {
    const pdf = await printCahier(renderer, vm, `Cahier du jury ${s.edition.year}`, templatesOf(io, opts), io);
    writeAtomic(at(io, opts.out), pdf);
    if (!opts.quiet) io.stderr.write(`${opts.out} écrit (${pdfPageCount(pdf)} pages, ${vm.sections.length} dossiers)\n`);
  } finally {
    await renderer.close();
  }
  return 0;
}

/**
 * A cahier printed twice: first with placeholder page numbers as wide as the real ones, then with
 * the page of each part read back from its named destination (the table of contents links to each).
 * The cahier of the jury and each juror's booklet (`tnl jury sheets`) are printed so.
 */
export async function printCahier(renderer: PdfRenderer, vm: CahierVM, footer: string, templatesDir: string | undefined, io: Io): Promise<Uint8Array> {
  const fonts = embeddedFonts();
  const templates = templatesDir ? { dir: templatesDir } : {};
  const html = (toc: CahierVM['toc']) => render('cahier.html.hbs', { ...vm, toc, fonts }, { ...templates, trusted: ['fonts'] });
  const draft = await renderer.pdf(await html(vm.toc.map((t) => ({ ...t, page: PLACEHOLDER_PAGE }))), { footer });
  const measured = pdfDestinationPages(draft);
  const toc = vm.toc.map((t) => ({ ...t, page: String(measured.get(t.anchor) ?? '') }));
  const pdf = await renderer.pdf(await html(toc), { footer });
  const final = pdfDestinationPages(pdf);
  const moved = vm.toc.filter((t) => final.get(t.anchor) !== measured.get(t.anchor));
  if (moved.length || measured.size !== vm.toc.length)
    io.stderr.write(
      `attention : ${moved.length || vm.toc.length - measured.size} entrée(s) du sommaire sans numéro de page sûr (${(moved[0] ?? vm.toc.find((t) => !measured.has(t.anchor)))?.title ?? '?'}) ; vérifiez le sommaire\n`,
    );
  return pdf;
}
