import { editionFiles, loadEdition } from '../files/edition-files.js';
import { existsSync } from 'node:fs';
import { InputError, UsageError } from '../findings/errors.js';
import { dirname, join, resolve } from 'node:path';
import { loadArchive } from '../files/archive-files.js';
import { writeAtomic } from '../files/atomic-write.js';
import { communiqueView } from '../report/communique.js';
import { dossierView } from '../report/dossier-de-presse.js';
import { NoBrowserError, PdfRenderer, type StartingBrowser } from '../report/pdf.js';
import { omittedFields, textProblems, typesetDocument, type Press } from '../report/press.js';
import { readInput } from '../files/read-input.js';
import { loadPress } from '../files/press-file.js';
import { embeddedFonts, render } from '../files/templates.js';
import { resultatsView } from '../report/resultats.js';
import { appelView } from '../report/appel.js';
import { figureText, keyFigures } from '../history/figures.js';
import { DOCUMENT_FORMATS, DOCUMENTS, type DocumentName } from '../report/formats.js';
import type { Io } from './io.js';
import { at, rootOf, templatesOf } from './paths.js';
import type { ReportOptions } from './report-wiring.js';
import { parseYear } from './run.js';

/**
 * Builds a document's Markdown or HTML. Pure but for reading templates and reference data. What
 * only staff must read (an incomplete list, optional press fields left out, a wrong weekday in a
 * press file's text) is pushed to `notices`, never printed in the document.
 */
export async function buildDocument(
  doc: DocumentName,
  format: 'md' | 'html',
  opts: { year: number; press?: Press; templates?: string; root?: string; notices?: string[] },
): Promise<string> {
  const notices = opts.notices ?? [];
  const archive = loadArchive(opts.root);
  const dir = opts.templates;
  const fonts = format === 'html' ? embeddedFonts() : '';
  const questionnaireOf = () =>
    existsSync(editionFiles(opts.year, opts.root).questionnaire) ? loadEdition(opts.year, opts.root).edition.questionnaire : undefined;
  const omitted = (press: Press, has: { mentions: boolean; logo: boolean }) => {
    const left = omittedFields(doc, press, has);
    if (left.length)
      notices.push(
        `${press.file} : champ${left.length > 1 ? 's' : ''} facultatif${left.length > 1 ? 's' : ''} absent${left.length > 1 ? 's' : ''}, donc absent${left.length > 1 ? 's' : ''} du document : ${left.join(', ')}`,
      );
  };
  const finish = (text: string) => {
    for (const p of textProblems(text.replace(/<[^>]+>/g, ' ').replace(/&#160;|&nbsp;/g, ' '))) notices.push(`attention, ${p}`);
    return text;
  };
  if (doc === 'appel') {
    // The call comes before the results: the laureates so far are those of the editions before.
    if (!opts.press) throw new UsageError(`l’appel à candidatures a besoin des éléments de presse : --press appel-${opts.year}.yaml`);
    const before = archive.filter((e) => e.edition < opts.year);
    const figures = before.length ? keyFigures(before) : undefined;
    if (figures?.laureates.published)
      notices.push(
        `lauréats depuis ${figures.from} : ${figureText(figures.laureates)}, chiffre publié en ${figures.laureates.published.year} (${figures.laureates.published.source}), imprimé plutôt que celui de l’archive (${figureText(figures.laureates.published.counted)})`,
      );
    omitted(opts.press, { mentions: false, logo: true });
    const vm = typesetDocument(appelView(opts.year, opts.press, figures, questionnaireOf()), RAW);
    return finish(await render(`appel.${format}.hbs`, { ...vm, fonts }, { ...(dir ? { dir } : {}), trusted: ['fonts'] }));
  }
  const results = archive.find((e) => e.edition === opts.year);
  if (!results) throw new UsageError(`l’édition ${opts.year} n’est pas dans l’archive des résultats : publiez-la d’abord (tnl publish)`);
  const need = () => {
    if (!opts.press)
      throw new UsageError(`le ${doc === 'communique' ? 'communiqué' : 'dossier de presse'} a besoin des éléments de presse : --press press-${opts.year}.yaml`);
    return opts.press;
  };
  const hasMentions = results.laureates.some((l) => l.mentions.length > 0);
  if (doc === 'resultats') {
    if (opts.press) omitted(opts.press, { mentions: hasMentions, logo: true });
    const vm = typesetDocument(resultatsView(results, opts.press, notices), RAW);
    return finish(await render(`resultats.${format}.hbs`, { ...vm, fonts }, { ...(dir ? { dir } : {}), trusted: ['fonts'] }));
  }
  if (doc === 'communique') {
    omitted(need(), { mentions: hasMentions, logo: true });
    const vm = typesetDocument(communiqueView(results, need(), notices), RAW);
    return finish(await render(`communique.${format}.hbs`, { ...vm, fonts }, { ...(dir ? { dir } : {}), trusted: ['fonts'] }));
  }
  // The volets come from the edition's questionnaire; an edition tnl has none for (before 2024)
  // gets its press kit without that section, never another year's criteria.
  const questionnaire = questionnaireOf();
  const press = need();
  const logo = logoOf(press, opts.root);
  omitted(press, { mentions: hasMentions, logo: Boolean(logo) });
  const vm = typesetDocument(await dossierView(archive, results, questionnaire, press, notices), RAW);
  return finish(
    await render(
      'dossier-de-presse.html.hbs',
      { ...vm, fonts: embeddedFonts(), ...(logo ? { logo } : {}) },
      { ...(dir ? { dir } : {}), trusted: ['fonts', 'chart', 'map.svg', 'map.inset'] },
    ),
  );
}

/** Keys of a view-model that are markup or data, not text: left as they are by typesetDocument. */
const RAW = ['svg', 'chart', 'inset', 'colour', 'email', 'phone', 'links', 'detailsLink', 'site', 'social', 'fonts'];

/**
 * The label's logo for the cover, as a data: address (the PDF's browser loads nothing else): the
 * press file's `logo`, else presse/logo.svg or presse/logo.png of the workspace. A missing file
 * named by the press file is an input error.
 */
function logoOf(press: Press, root?: string): string | undefined {
  const candidates = press.logo ? [resolve(dirname(press.file), press.logo)] : root ? [join(root, 'presse', 'logo.svg'), join(root, 'presse', 'logo.png')] : [];
  const file = candidates.find((f) => existsSync(f));
  if (!file) {
    if (press.logo) throw new InputError(`logo introuvable : ${press.logo} (chemin relatif au fichier de presse)`, press.file);
    return undefined;
  }
  const type = /\.svg$/i.test(file) ? 'image/svg+xml' : /\.png$/i.test(file) ? 'image/png' : undefined;
  if (!type) throw new InputError('le logo doit être un fichier SVG ou PNG', file);
  const bytes = readInput(file);
  if (bytes.length > 2 * 2 ** 20) throw new InputError(`logo trop gros (${Math.round(bytes.length / 2 ** 10)} Ko ; 2 Mo au plus)`, file);
  return `data:${type};base64,${bytes.toString('base64')}`;
}

export async function reportCommand(doc: string, opts: ReportOptions, io: Io): Promise<number> {
  if (!(DOCUMENTS as readonly string[]).includes(doc)) throw new UsageError(`document inconnu « ${doc} » ; documents : ${DOCUMENTS.join(', ')}`);
  const name = doc as DocumentName;
  if (!(DOCUMENT_FORMATS[name] as readonly string[]).includes(opts.format))
    throw new UsageError(`le document ${name} existe en ${DOCUMENT_FORMATS[name].join(', ')}, pas en ${opts.format}`);
  const year = parseYear(opts.edition);
  if (opts.format === 'pdf') return pdfReport(name, year, opts, io);
  const notices: string[] = [];
  const text = await buildDocument(name, opts.format, { ...documentInputs(year, opts, io), notices });
  sayNotices(notices, io);
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
  const notices: string[] = [];
  try {
    html = await buildDocument(name, 'html', { ...documentInputs(year, opts, io), notices });
    sayNotices(notices, io);
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

/** Staff notes on stderr, once each: what the document leaves out or could not check. */
function sayNotices(notices: readonly string[], io: Io): void {
  for (const n of [...new Set(notices)]) io.stderr.write(`${n}\n`);
}
