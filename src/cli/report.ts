import { editionFiles, loadEdition } from '../files/edition-files.js';
import { existsSync } from 'node:fs';
import { UsageError } from '../findings/errors.js';
import { loadArchive } from '../files/archive-files.js';
import { writeAtomic } from '../files/atomic-write.js';
import { communiqueView } from '../report/communique.js';
import { dossierView } from '../report/dossier-de-presse.js';
import { NoBrowserError, PdfRenderer, type StartingBrowser } from '../report/pdf.js';
import { type Press } from '../report/press.js';
import { loadPress } from '../files/press-file.js';
import { embeddedFonts, render } from '../files/templates.js';
import { resultatsView } from '../report/resultats.js';
import { appelView } from '../report/appel.js';
import { keyFigures } from '../history/figures.js';
import { DOCUMENT_FORMATS, DOCUMENTS, type DocumentName } from '../report/formats.js';
import type { Io } from './io.js';
import { at, rootOf, templatesOf } from './paths.js';
import type { ReportOptions } from './report-wiring.js';
import { parseYear } from './run.js';

/** Builds a document's Markdown or HTML. Pure but for reading templates and reference data. */
export async function buildDocument(
  doc: DocumentName,
  format: 'md' | 'html',
  opts: { year: number; press?: Press; templates?: string; root?: string },
): Promise<string> {
  const archive = loadArchive(opts.root);
  const dir = opts.templates;
  const questionnaireOf = () =>
    existsSync(editionFiles(opts.year, opts.root).questionnaire) ? loadEdition(opts.year, opts.root).edition.questionnaire : undefined;
  if (doc === 'appel') {
    // The call comes before the results: the laureates so far are those of the editions before.
    if (!opts.press) throw new UsageError(`l’appel à candidatures a besoin des éléments de presse : --press appel-${opts.year}.yaml`);
    const before = archive.filter((e) => e.edition < opts.year);
    const vm = appelView(opts.year, opts.press, before.length ? keyFigures(before) : undefined, questionnaireOf());
    return render(`appel.${format}.hbs`, { ...vm, fonts: format === 'html' ? embeddedFonts() : '' }, { ...(dir ? { dir } : {}), trusted: ['fonts'] });
  }
  const results = archive.find((e) => e.edition === opts.year);
  if (!results) throw new UsageError(`l’édition ${opts.year} n’est pas dans l’archive des résultats : publiez-la d’abord (tnl publish)`);
  const need = () => {
    if (!opts.press)
      throw new UsageError(`le ${doc === 'communique' ? 'communiqué' : 'dossier de presse'} a besoin des éléments de presse : --press press-${opts.year}.yaml`);
    return opts.press;
  };
  if (doc === 'resultats') return render(`resultats.${format}.hbs`, resultatsView(results), dir ? { dir } : {});
  if (doc === 'communique')
    return render(
      `communique.${format}.hbs`,
      { ...communiqueView(results, need()), fonts: format === 'html' ? embeddedFonts() : '' },
      { ...(dir ? { dir } : {}), trusted: ['fonts'] },
    );
  // The volets come from the edition's questionnaire; an edition tnl has none for (before 2024)
  // gets its press kit without that section, never another year's criteria.
  const questionnaire = questionnaireOf();
  const vm = await dossierView(archive, results, questionnaire, need());
  return render('dossier-de-presse.html.hbs', { ...vm, fonts: embeddedFonts() }, { ...(dir ? { dir } : {}), trusted: ['fonts', 'chart', 'map.svg'] });
}

export async function reportCommand(doc: string, opts: ReportOptions, io: Io): Promise<number> {
  if (!(DOCUMENTS as readonly string[]).includes(doc)) throw new UsageError(`document inconnu « ${doc} » ; documents : ${DOCUMENTS.join(', ')}`);
  const name = doc as DocumentName;
  if (!(DOCUMENT_FORMATS[name] as readonly string[]).includes(opts.format))
    throw new UsageError(`le document ${name} existe en ${DOCUMENT_FORMATS[name].join(', ')}, pas en ${opts.format}`);
  const year = parseYear(opts.edition);
  if (opts.format === 'pdf') return pdfReport(name, year, opts, io);
  const text = await buildDocument(name, opts.format, documentInputs(year, opts, io));
  if (opts.out) writeAtomic(at(io, opts.out), text);
  else io.stdout.write(text);
  return 0;
}

/** What buildDocument needs from the command line: the press file read, the folders given. */
function documentInputs(year: number, opts: ReportOptions, io: Io): Parameters<typeof buildDocument>[2] {
  const press = opts.press ? loadPress(at(io, opts.press), year) : undefined;
  const templates = templatesOf(io, opts);
  const root = rootOf(io, opts.root);
  return { year, ...(press ? { press } : {}), ...(templates ? { templates } : {}), ...(root ? { root } : {}) };
}

/**
 * A document as PDF. The browser is spawned first, and boots in its own process while this one
 * reads the press file and builds the HTML (the two take about as long).
 */
async function pdfReport(name: DocumentName, year: number, opts: ReportOptions, io: Io): Promise<number> {
  if (!opts.out) throw new UsageError('un PDF s’écrit dans un fichier : --out document.pdf');
  let starting: StartingBrowser | undefined;
  let noBrowser: NoBrowserError | undefined;
  try {
    starting = await PdfRenderer.start(io.env);
  } catch (e) {
    if (!(e instanceof NoBrowserError)) throw e;
    noBrowser = e;
  }
  let html: string;
  try {
    html = await buildDocument(name, 'html', documentInputs(year, opts, io));
  } catch (e) {
    await starting?.abort();
    throw e;
  }
  if (!starting) {
    const fallback = opts.out.replace(/\.pdf$/i, '') + '.html';
    writeAtomic(at(io, fallback), html);
    io.stderr.write(`Le HTML a été écrit dans ${fallback} ; le PDF n’a pas pu l’être.\n`);
    throw noBrowser;
  }
  const renderer = await starting.connect();
  try {
    const pdf = await renderer.pdf(html, { footer: `Territoire Numérique Libre ${year}`, cssPages: name === 'dossier-de-presse' });
    writeAtomic(at(io, opts.out), pdf);
  } finally {
    await renderer.close();
  }
  io.stderr.write(`${opts.out} écrit\n`);
  return 0;
}
