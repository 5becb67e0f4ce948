// The HTML of the jury's book, as tnl cahier prints it (page numbers filled), for the bench to print
// with Chromium alone: node bench/cahier-html.mjs <export> <out.html>
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';

const [exportFile, out] = process.argv.slice(2);
const dist = (p) => pathToFileURL(join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..', 'dist', p)).href;
const { processIo } = await import(dist('cli/io.js'));
const { scoreExport } = await import(dist('cli/pipeline.js'));
const { cahierView } = await import(dist('report/cahier.js'));
const { embeddedFonts, render } = await import(dist('files/templates.js'));
const s = await scoreExport(exportFile, { edition: '2024' }, processIo());
const vm = cahierView(s.edition, s.results, s.read.dossiers);
const toc = vm.toc.map((t, i) => ({ ...t, page: String(i + 2) }));
writeFileSync(out, await render('cahier.html.hbs', { ...vm, toc, fonts: embeddedFonts() }, { trusted: ['fonts'] }));
