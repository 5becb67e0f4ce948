import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { FindingsError, InputError } from '../findings/errors.js';
import { checkResults } from '../history/archive.js';
import type { Finding } from '../findings/finding.js';
import type { Archive, EditionResults } from '../history/types.js';
import { derivedCacheFile, readDerived, writeDerived } from './derived-cache.js';
import { displayPath, readYaml } from './edition-files.js';
import { bundled } from './paths.js';
import { readTextInput } from './read-input.js';
import { parseYaml } from '../util/yaml-source.js';

// The archive of results on disk: results/<year>.yaml, each checked by src/history/archive.ts.

export function resultsDir(root?: string): string {
  return root ? join(root, 'results') : bundled.results;
}

/** Loads every results/<year>.yaml; a broken file is an input error with every problem located. */
export function loadArchive(root?: string): Archive {
  const dir = resultsDir(root);
  if (!existsSync(dir)) throw new InputError('aucune archive de résultats (dossier results/ absent)', displayPath(dir));
  const files = readdirSync(dir)
    .filter((f) => /^\d{4}\.yaml$/.test(f))
    .sort();
  return files.map((f) => {
    const path = join(dir, f);
    const read = readTextInput(path);
    // A checked results file is remembered between commands (src/util/derived-cache.ts).
    const cacheFile = derivedCacheFile('results', ['results'], [{ name: displayPath(path), bytes: read.bytes }]);
    const cached = readDerived<EditionResults>(cacheFile, (v) => typeof v.edition === 'number' && Array.isArray(v.laureates));
    if (cached) return cached;
    const { source } = readYaml(path, read);
    const { results, findings } = checkResults(source);
    if (!results) throw new FindingsError(`résultats invalides dans ${source.file} :`, findings);
    writeDerived(cacheFile, results);
    return results;
  });
}

/**
 * `tnl validate` on a results file: its findings, the levels checked against those of its edition
 * (`levelsOf`, undefined when tnl has no rubric for it). A file that checked without error, bytes and
 * levels unchanged, is not parsed again (the cache of src/files/derived-cache.ts).
 */
export function checkResultsFileCached(path: string, levelsOf: (year: number) => string[] | undefined): { file: string; findings: Finding[] } {
  const read = readTextInput(path);
  const name = displayPath(path);
  const resultsSlot = derivedCacheFile('results', ['results'], [{ name, bytes: read.bytes }]);
  const known = readDerived<EditionResults>(resultsSlot, (v) => typeof v.edition === 'number');
  if (known) {
    const levels = levelsOf(known.edition);
    const slot = derivedCacheFile(
      'results-checked',
      ['results'],
      [
        { name, bytes: read.bytes },
        { name: 'levels', bytes: Buffer.from(JSON.stringify(levels ?? null)) },
      ],
    );
    const findings = readDerived<Finding[]>(slot, (v) => Array.isArray(v));
    if (findings) return { file: name, findings };
    const { source } = readYaml(path, read);
    const checked = checkResults(source, levels);
    if (checked.results && !checked.findings.some((f) => f.severity === 'error')) writeDerived(slot, checked.findings);
    return { file: name, findings: checked.findings };
  }
  const { source } = readYaml(path, read);
  const year = source.data && typeof source.data === 'object' && 'edition' in source.data ? Number((source.data as { edition: unknown }).edition) : NaN;
  const checked = checkResults(source, Number.isInteger(year) ? levelsOf(year) : undefined);
  if (checked.results && !checked.findings.some((f) => f.severity === 'error')) writeDerived(resultsSlot, checked.results);
  return { file: source.file, findings: checked.findings };
}

/**
 * The check of a results file about to be written (`tnl publish`, `tnl history import`): its text
 * checked as `tnl validate` checks the archive, levels included; an error is a FindingsError and
 * nothing is written.
 */
export function assertValidResultsText(text: string, file: string, levels: readonly string[] | undefined): void {
  const { findings } = checkResults(parseYaml(text, file), levels);
  const errors = findings.filter((f) => f.severity === 'error');
  if (errors.length)
    throw new FindingsError(
      `${file} ne serait pas valide (${errors.length} erreur${errors.length > 1 ? 's' : ''} que tnl validate refuserait) ; rien n’a été écrit :`,
      errors.map((f) => ({ file: f.file, line: f.line, column: f.column, message: f.message })),
    );
}
