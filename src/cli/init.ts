import { existsSync, readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { displayPath, editionFiles } from '../edition/load.js';
import { InputError, UsageError } from '../findings/errors.js';
import { writeAtomic } from '../output/atomic-write.js';
import { parseYear } from './run.js';

export interface InitOptions {
  edition: string;
  from: string;
  root?: string;
}

/**
 * Starts an edition from the previous one: copies its questionnaire and rubric with the new year
 * and number, comments and layout kept. Never overwrites.
 */
export function initCommand(opts: InitOptions): number {
  const year = parseYear(opts.edition);
  const from = parseYear(opts.from);
  if (year === from) throw new UsageError('la nouvelle édition doit être d’une autre année que celle copiée');
  const src = editionFiles(from, opts.root);
  const dst = editionFiles(year, opts.root);
  for (const f of [src.questionnaire, src.rubric]) if (!existsSync(f)) throw new InputError(`l’édition ${from} n’existe pas`, displayPath(f));
  for (const f of [dst.questionnaire, dst.rubric]) if (existsSync(f)) throw new UsageError(`${displayPath(f)} existe déjà : tnl init ne remplace jamais une édition`);
  const texts: [string, string][] = [];
  for (const [s, d] of [[src.questionnaire, dst.questionnaire], [src.rubric, dst.rubric]] as const) {
    const doc = parseDocument(readFileSync(s, 'utf8'));
    doc.set('edition', year);
    const oldNumber = doc.has('number') ? Number(doc.get('number')) : undefined;
    if (oldNumber !== undefined) doc.set('number', oldNumber + (year - from));
    const text = doc.toString({ lineWidth: 0 }).replace(new RegExp(`\\b${from}\\b`, 'g'), (m, offset: number, whole: string) => {
      // Years in comments and titles follow the edition; stable ids and thresholds are left alone.
      const line = whole.slice(whole.lastIndexOf('\n', offset) + 1, whole.indexOf('\n', offset));
      return /^\s*#|title:/.test(line) ? String(year) : m;
    });
    const numbered = oldNumber === undefined ? text : text.replace(new RegExp(`^(\\s*#.*)\\b${oldNumber}e édition`, 'gm'), `$1${oldNumber + (year - from)}e édition`);
    texts.push([d, numbered]);
  }
  for (const [d, text] of texts) writeAtomic(d, text);
  process.stderr.write(`Édition ${year} créée à partir de ${from} :\n  ${displayPath(dst.questionnaire)}\n  ${displayPath(dst.rubric)}\nReportez les changements du formulaire, puis : tnl validate --edition ${year}\n`);
  return 0;
}
