import { existsSync } from 'node:fs';
import { displayPath, editionFiles } from '../files/edition-files.js';
import { InputError, UsageError } from '../findings/errors.js';
import { writeAtomic } from '../files/atomic-write.js';
import { readTextInput } from '../files/read-input.js';
import { parseYaml } from '../util/yaml-source.js';
import { nextEditionText } from '../edition/next-edition.js';
import type { InitOptions } from './init-wiring.js';
import type { Io } from './io.js';
import { atOptional } from './paths.js';
import { parseYear } from './run.js';

/**
 * Starts an edition from the previous one: copies its questionnaire and rubric with the new year
 * and number, comments and layout kept. Never overwrites.
 */
export async function initCommand(opts: InitOptions, io: Io): Promise<number> {
  const year = parseYear(opts.edition);
  const from = parseYear(opts.from);
  if (year === from) throw new UsageError('la nouvelle édition doit être d’une autre année que celle copiée');
  const src = editionFiles(from, atOptional(io, opts.root));
  const dst = editionFiles(year, atOptional(io, opts.root));
  for (const f of [src.questionnaire, src.rubric]) if (!existsSync(f)) throw new InputError(`l’édition ${from} n’existe pas`, displayPath(f));
  for (const f of [dst.questionnaire, dst.rubric])
    if (existsSync(f)) throw new UsageError(`${displayPath(f)} existe déjà : tnl init ne remplace jamais une édition`);
  // Both sources are parsed first: a YAML error is located, and nothing is written.
  const sources = [src.questionnaire, src.rubric].map((f) => {
    const { text } = readTextInput(f);
    const parsed = parseYaml(text, displayPath(f));
    return { text, data: parsed.data };
  });
  const { parseDocument } = await import('yaml');
  const q = sources[0]!.data as { number?: unknown; demarche?: { number?: unknown } };
  const oldNumber = typeof q.number === 'number' ? q.number : undefined;
  const newNumber = oldNumber === undefined ? undefined : oldNumber + (year - from);
  const texts = sources.map(({ text }) => nextEditionText(parseDocument(text), { from, year, oldNumber, newNumber }));
  writeAtomic(dst.questionnaire, texts[0]!);
  writeAtomic(dst.rubric, texts[1]!);
  const lines = [`Édition ${year} créée à partir de ${from} :`, `  ${displayPath(dst.questionnaire)}`, `  ${displayPath(dst.rubric)}`];
  if (q.demarche?.number !== undefined)
    lines.push(
      `À mettre à jour : le numéro de démarche (${String(q.demarche.number)}) est encore celui de ${from} ; remplacez-le dans ${displayPath(dst.questionnaire)} par celui de la démarche ${year}.`,
    );
  lines.push(`Reportez les changements du formulaire, puis : tnl validate --edition ${year}`);
  io.stderr.write(`${lines.join('\n')}\n`);
  return 0;
}
