import { didYouMean } from '../util/french.js';
import { closest } from '../util/suggest.js';
import { writeAtomic } from '../files/atomic-write.js';
import { InputError } from '../findings/errors.js';
import { EXPLAIN_RENDERERS, explainAnnotations } from '../output/explain.js';
import type { ExplainOptions } from './explain-wiring.js';
import type { Io } from './io.js';
import { at } from './paths.js';
import { scoreExport } from './pipeline.js';

/** `tnl explain`: one dossier, point by point, with its path to the next level. */
export async function explainCommand(file: string, opts: ExplainOptions, io: Io): Promise<number> {
  const s = await scoreExport(file, { ...opts, state: opts.state ?? ['tous'] }, io, { pathFor: opts.dossier.trim() });
  const result = s.results.find((r) => r.card.number === opts.dossier.trim());
  if (!result) {
    const numbers = s.results.map((r) => r.card.number);
    throw new InputError(`dossier ${opts.dossier} absent de l’export.${didYouMean(closest(opts.dossier, numbers))}`, s.read.file);
  }
  const dossier = s.read.all.find((d) => d.number === result.card.number);
  // Each juror's grade, for staff: explain shows them (a fiche never does).
  const jurors = s.grades ? Object.fromEntries([...(s.grades.get(result.card.number) ?? [])].map(([id, g]) => [id, g.jurors])) : undefined;
  const text = EXPLAIN_RENDERERS[opts.format](s.edition, result, s.provenance, explainAnnotations(s.edition, dossier?.annotations), {
    ...(jurors ? { jurors } : {}),
    ...(dossier?.avis ? { avis: dossier.avis } : {}),
  });
  if (opts.out) writeAtomic(at(io, opts.out), text);
  else io.stdout.write(text);
  return 0;
}
