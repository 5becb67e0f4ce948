import { writeAtomic, writePiecesTo } from '../files/atomic-write.js';
import type { ExportRead } from '../ingest/export-read.js';
import { hasErrors } from '../findings/finding.js';
import { scoreRenderer } from '../output/scores/registry.js';
import type { Io } from './io.js';
import { at } from './paths.js';
import { scoreExport } from './pipeline.js';
import type { ScoreOptions } from './score-wiring.js';
import { scoringNotice } from '../output/scoring-notice.js';

/**
 * The dossiers deposited: every dossier of the export with a state (DS never exports drafts), or,
 * in a file without states, every dossier: what « N candidatures ont été déposées » counts.
 */
function depositedCount(read: ExportRead): number {
  return read.count.read - (read.skipped.inconnu ?? 0);
}

/** `tnl score`: exit 0, or 1 when the export has errors (the scores are still written). */
export async function scoreCommand(file: string, opts: ScoreOptions, io: Io): Promise<number> {
  const s = await scoreExport(file, opts, io, { stream: true });
  const render = await scoreRenderer(opts.format);
  const text = render({
    edition: s.edition,
    results: s.results,
    provenance: s.provenance,
    deposited: depositedCount(s.read),
    ...(s.decisions ? { decisions: s.decisions } : {}),
  });
  if (opts.out) {
    writeAtomic(at(io, opts.out), text);
    if (!opts.quiet) io.stderr.write(`${s.results.length} dossiers notés → ${opts.out}\n`);
  } else writePiecesTo(io.stdout, text);
  // Problems of the export itself, then what the results hold that the user must hear (incomplete
  // totals, dossiers not scored, alerts): said here, and marked in the results.
  const problems = s.read.findings.filter((f) => f.severity !== 'info');
  if (problems.length && !opts.quiet) {
    const { formatFindings } = await import('../output/findings/formatters.js');
    io.stderr.write(formatFindings('stylish', problems, [s.read.file]));
  }
  const notice = scoringNotice(s.results);
  if (notice.length && !opts.quiet) io.stderr.write(`${notice.join('\n')}\n`);
  return hasErrors(s.findings) ? 1 : 0;
}
