import { loadEdition } from '../files/edition-files.js';
import { readExportAsync, readRepetitionFile } from '../files/read-export.js';
import { hasErrors, sortFindings, strictify } from '../findings/finding.js';
import { parseStates } from '../ingest/dossier.js';
import { INSPECT_RENDERERS } from '../output/inspect.js';
import type { InspectOptions } from './inspect-wiring.js';
import type { Io } from './io.js';
import { at, rootOf } from './paths.js';
import { parseYear } from './run.js';

/** `tnl inspect`: how each column of an export was recognised, what was kept, what is wrong. */
export async function inspectCommand(file: string, opts: InspectOptions, io: Io): Promise<number> {
  const { edition } = loadEdition(parseYear(opts.edition), rootOf(io, opts.root));
  const repetitions = (opts.repetitions ?? []).map((f) => readRepetitionFile(at(io, f), edition.questionnaire));
  const read = await readExportAsync(at(io, file), edition.questionnaire, { states: parseStates(opts.state), repetitions, anyExport: true });
  const findings = sortFindings(opts.strict ? strictify(read.findings) : read.findings);
  io.stdout.write(INSPECT_RENDERERS[opts.format](read, findings));
  return hasErrors(findings) ? 1 : 0;
}
