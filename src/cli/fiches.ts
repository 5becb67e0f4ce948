import { join, resolve, sep } from 'node:path';
import { UsageError } from '../findings/errors.js';
import { makeDir, writeAtomic } from '../files/atomic-write.js';
import { sha256 } from '../files/read-input.js';
import { Progress } from '../output/progress.js';
import { ficheFileNames, ficheView, stratumMedians } from '../report/fiche.js';
import { PdfRenderer } from '../report/pdf.js';
import { embeddedFonts, render } from '../files/templates.js';
import type { FichesOptions } from './fiches-wiring.js';
import type { Io } from './io.js';
import { at, templatesOf } from './paths.js';
import { scoreExport } from './pipeline.js';
import { scoringNotice } from '../output/scoring-notice.js';

/** Runs tasks with at most `n` at once. */
async function pool<T>(items: readonly T[], n: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(n, items.length) }, async () => {
    while (next < items.length) await task(items[next++]!);
  });
  await Promise.all(workers);
}

/** `tnl fiches`: one feedback document per dossier, one browser for all of them. */
export async function fichesCommand(file: string, opts: FichesOptions, io: Io): Promise<number> {
  const concurrency = opts.concurrency === undefined ? 2 : Number(opts.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 16)
    throw new UsageError(`--concurrency attend un nombre entier de 1 à 16, pas « ${opts.concurrency} »`);
  const s = await scoreExport(file, opts, io, { withPath: true });
  const results = s.results.filter((r) => r.card.stratum && !r.card.notScored);
  const skipped = s.results.filter((r) => !r.card.stratum || r.card.notScored);
  const notice = scoringNotice(s.results.filter((r) => !skipped.includes(r)));
  if (notice.length) io.stderr.write(`${notice.join('\n')}\n`);
  for (const r of skipped)
    io.stderr.write(
      `dossier ${r.card.number} (${r.card.name}) : pas de fiche, le dossier n’a pas pu être noté (${r.card.notScored ?? r.card.findings.find((f) => f.severity === 'error')?.message ?? 'strate introuvable'})\n`,
    );
  const medians = stratumMedians(results);
  const dir = at(io, opts.out);
  makeDir(dir);
  const progress = new Progress(io.stderr, { quiet: opts.quiet ?? false });
  const templatesDir = templatesOf(io, opts);
  const templates = templatesDir ? { dir: templatesDir } : {};
  let done = 0;
  const fileNames = ficheFileNames(
    results.map((r) => r.card),
    opts.format,
  );
  const names = new Map(results.map((r, i) => [r, fileNames[i]!]));
  const target = (r: (typeof results)[number]) => {
    const path = resolve(join(dir, names.get(r)!));
    if (!path.startsWith(dir + sep)) throw new UsageError(`nom de fichier refusé pour le dossier ${r.card.number}`);
    return path;
  };
  const digests = new Map<(typeof results)[number], string>();
  if (opts.format === 'md') {
    for (const r of results) {
      const text = await render('fiche.md.hbs', ficheView(s.edition, r, medians), templates);
      writeAtomic(target(r), text);
      digests.set(r, sha256(text));
      progress.bar(++done, results.length, r.card.name);
    }
  } else {
    const renderer = await PdfRenderer.launch(io.env);
    try {
      const fonts = embeddedFonts();
      await pool(results, concurrency, async (r) => {
        const html = await render('fiche.html.hbs', { ...ficheView(s.edition, r, medians), fonts }, { ...templates, trusted: ['fonts', 'chart'] });
        const pdf = await renderer.pdf(html, { footer: `${r.card.name} — Territoire Numérique Libre ${s.edition.year}` });
        writeAtomic(target(r), pdf);
        digests.set(r, sha256(Buffer.from(pdf)));
        progress.bar(++done, results.length, r.card.name);
      });
    } finally {
      await renderer.close();
    }
  }
  progress.done();
  // Written last: where the fiches come from and each file's digest, for tnl ds envoyer (never a
  // fiche of another edition or rubric, never a file changed since).
  const manifest = {
    provenance: s.provenance,
    fiches: results.map((r) => ({
      dossier: r.card.number,
      name: r.card.name,
      level: r.final?.id ?? r.proposed?.id ?? null,
      total: r.card.stratum ? r.card.total : null,
      file: names.get(r)!,
      sha256: digests.get(r)!,
    })),
  };
  writeAtomic(join(dir, 'fiches.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  if (!opts.quiet) io.stderr.write(`${results.length} fiches écrites dans ${opts.out}\n`);
  return skipped.length ? 1 : 0;
}
