import { InputError } from '../findings/errors.js';
import { explainAnnotations, explainJson, explainMarkdown } from '../output/explain.js';
import { writeAtomic } from '../output/atomic-write.js';
import { closest, didYouMean } from '../util/french-text.js';
import { scoreExport, type PipelineOptions } from './pipeline.js';

export interface ExplainOptions extends PipelineOptions {
  dossier: string;
  format: 'md' | 'json';
  out?: string;
}

export async function explainCommand(file: string, opts: ExplainOptions): Promise<number> {
  const s = await scoreExport(file, { ...opts, state: opts.state ?? ['tous'], withPath: true });
  const result = s.results.find((r) => r.card.number === opts.dossier.trim());
  if (!result) {
    const numbers = s.results.map((r) => r.card.number);
    throw new InputError(`dossier ${opts.dossier} absent de l’export.${didYouMean(closest(opts.dossier, numbers))}`, s.read.file);
  }
  const dossier = s.read.all.find((d) => d.number === result.card.number);
  const notes = explainAnnotations(s.edition, dossier?.annotations);
  const text = opts.format === 'json' ? explainJson(s.edition, result, s.provenance, notes) : explainMarkdown(s.edition, result, s.provenance, notes);
  if (opts.out) writeAtomic(opts.out, text);
  else process.stdout.write(text);
  return 0;
}
