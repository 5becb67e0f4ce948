import { UsageError } from '../findings/errors.js';
import { writeAtomic } from '../output/atomic-write.js';
import { cahierView, pdfPageCount, type CahierVM } from '../report/cahier.js';
import { PdfRenderer } from '../report/pdf.js';
import { embeddedFonts, render } from '../report/render.js';
import { scoreExport, type PipelineOptions } from './pipeline.js';
import { scoringNotice } from './scoring-notice.js';

export interface CahierOptions extends PipelineOptions {
  out: string;
  templates?: string;
  quiet?: boolean;
}

/**
 * `tnl cahier`: the jury's book as a PDF. The page numbers of the table of contents are measured:
 * each part is printed alone to count its pages (the page runs no script), then the whole.
 */
export async function cahierCommand(file: string, opts: CahierOptions): Promise<number> {
  if (!/\.pdf$/i.test(opts.out)) throw new UsageError('le cahier du jury est un PDF : --out cahier.pdf');
  const s = await scoreExport(file, opts);
  const notice = scoringNotice(s.results);
  if (notice.length && !opts.quiet) process.stderr.write(`${notice.join('\n')}\n`);
  const vm = cahierView(s.edition, s.results, s.read.dossiers);
  const fonts = embeddedFonts();
  const templates = opts.templates ? { dir: opts.templates } : {};
  const html = (part: Partial<CahierVM> & { showFront: boolean; showSummary: boolean }) =>
    render('cahier.html.hbs', { ...vm, ...part, fonts }, { ...templates, trusted: ['fonts'] });
  const renderer = await PdfRenderer.launch();
  try {
    const footer = `Cahier du jury ${s.edition.year}`;
    const count = async (part: Parameters<typeof html>[0]) => pdfPageCount(await renderer.pdf(await html(part), { footer }));
    const front = await count({ showFront: true, showSummary: false, sections: [] });
    const summary = await count({ showFront: false, showSummary: true, sections: [] });
    let page = front + 1;
    const toc = [{ title: vm.toc[0]!.title, page: String(page) }];
    page += summary;
    for (const [i, section] of vm.sections.entries()) {
      toc.push({ title: vm.toc[i + 1]!.title, page: String(page) });
      page += await count({ showFront: false, showSummary: false, sections: [section] });
    }
    const pdf = await renderer.pdf(await html({ showFront: true, showSummary: true, toc }), { footer });
    const total = pdfPageCount(pdf);
    if (total !== page - 1)
      process.stderr.write(`attention : ${total} pages imprimées pour ${page - 1} attendues ; les numéros du sommaire peuvent être décalés\n`);
    writeAtomic(opts.out, pdf);
    if (!opts.quiet) process.stderr.write(`${opts.out} écrit (${total} pages, ${vm.sections.length} dossiers)\n`);
  } finally {
    await renderer.close();
  }
  return 0;
}
