import { didYouMean } from '../util/french.js';
import { closest } from '../util/suggest.js';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseYaml } from '../util/yaml-source.js';
import { InputError, UsageError } from '../findings/errors.js';
import { checkResults, resultsYaml } from '../history/archive.js';
import { assertValidResultsText, loadArchive, resultsDir } from '../files/archive-files.js';
import { displayPath } from '../files/edition-files.js';
import { normaliseAuthorityName } from '../territory/authority-name.js';
import { keyFigures, suggestMentions, timelines, yearMoves, type Timeline } from '../history/figures.js';
import { importPublicHistory } from '../history/import-public.js';
import { writeAtomic } from '../files/atomic-write.js';
import { archiveCsv, figuresJson, figuresMarkdown, timelineMarkdown } from '../output/history.js';
import { readTextInput } from '../files/read-input.js';
import type { HistoryOptions, ImportOptions } from './history-wiring.js';
import type { Io } from './io.js';
import { at, rootOf } from './paths.js';
import { parseYear } from './run.js';

function findAuthority(all: Timeline[], query: string): Timeline {
  const q = query.trim();
  const byCode = all.find((t) => t.code === q);
  if (byCode) return byCode;
  const key = normaliseAuthorityName(q);
  const hits = all.filter((t) => normaliseAuthorityName(t.name) === key || t.participations.some((p) => normaliseAuthorityName(p.laureate.name) === key));
  if (hits.length === 1) return hits[0]!;
  if (hits.length > 1)
    throw new UsageError(
      `plusieurs lauréats répondent à « ${q} » : ${hits.map((t) => `${t.name} (${t.departement ?? '?'})`).join(', ')} ; donnez le code INSEE ou SIREN`,
    );
  throw new UsageError(
    `aucun lauréat « ${q} » dans l’archive.${didYouMean(
      closest(
        q,
        all.map((t) => t.name),
      ),
    )}`,
  );
}

export function historyCommand(opts: HistoryOptions, io: Io): number {
  const archive = loadArchive(rootOf(io, opts.root));
  const year = opts.edition ? parseYear(opts.edition) : undefined;
  if (year !== undefined && !archive.some((e) => e.edition === year))
    throw new UsageError(`l’édition ${year} n’est pas dans l’archive (${archive.map((e) => e.edition).join(', ')})`);
  let text: string;
  if (opts.format === 'csv') text = archiveCsv(year ? archive.filter((e) => e.edition === year) : archive);
  else if (opts.authority) {
    const t = findAuthority([...timelines(archive).values()], opts.authority);
    text = opts.format === 'json' ? figuresJson(keyFigures(archive), [], t) : timelineMarkdown(t, archive);
  } else {
    const figures = keyFigures(archive, year);
    const suggestions = year ? suggestMentions(archive, year) : [];
    text =
      opts.format === 'json'
        ? figuresJson(
            figures,
            suggestions,
            undefined,
            archive.find((e) => e.edition === year),
            year === undefined ? undefined : yearMoves(archive, year),
          )
        : figuresMarkdown(figures, archive, suggestions, year);
  }
  if (opts.out) writeAtomic(at(io, opts.out), text);
  else io.stdout.write(text);
  return 0;
}

/** Rebuilds results/<year>.yaml from the public record (shared/data/results-history.yaml). */
export function historyImportCommand(file: string, opts: ImportOptions, io: Io): number {
  const { text } = readTextInput(at(io, file));
  // A YAML mistake is located (file:line:column), and the YAML library is loaded by this command only.
  const { data } = parseYaml(text, file);
  const { editions, notes } = importPublicHistory(data);
  if (!editions.length) throw new InputError('aucune édition dans ce relevé (clé « editions » attendue)', file);
  const dir = resultsDir(rootOf(io, opts.root));
  const existing = editions.filter((e) => existsSync(join(dir, `${e.edition}.yaml`)));
  if (existing.length && !opts.force)
    throw new UsageError(
      `${existing.map((e) => `results/${e.edition}.yaml`).join(', ')} existe${existing.length > 1 ? 'nt' : ''} déjà : --force pour remplacer`,
    );
  // Every file is made and checked before the first is written: all or nothing.
  const files = editions.map((e) => {
    const header = [
      `Résultats de la ${e.number}e édition (${e.edition}) du label Territoire Numérique Libre, tels que publiés.`,
      `Importé du relevé public ${file.replace(/^.*\/(shared\/)/, '$1')} ; codes et populations résolus avec le découpage administratif d’Etalab.`,
    ];
    const path = join(dir, `${e.edition}.yaml`);
    // What the public record does not hold, entered by hand in the file being replaced, is kept:
    // the cumulative figures ADULLACT published, the count of mentions.
    // (Read as the file about to be replaced, not as an input of the command, which tnl never overwrites.)
    const kept = existsSync(path) ? checkResults(parseYaml(readFileSync(path, 'utf8'), displayPath(path))).results?.published : undefined;
    if (kept?.to_date && !e.published.to_date) e.published.to_date = kept.to_date;
    if (kept?.mentions !== undefined && e.published.mentions === undefined) e.published.mentions = kept.mentions;
    const text = resultsYaml(e, header);
    assertValidResultsText(text, displayPath(path), undefined);
    return { path, text };
  });
  for (const f of files) writeAtomic(f.path, f.text);
  io.stderr.write(`${editions.length} éditions écrites dans ${dir}\n`);
  if (notes.length) io.stderr.write(`À vérifier par une personne :\n${notes.map((n) => `  - ${n}`).join('\n')}\n`);
  return 0;
}
