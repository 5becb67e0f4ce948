import { questionnaireFromSource, rubricFromSource, type Loaded } from '../edition/from-source.js';
import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { FindingsError, InputError } from '../findings/errors.js';
import { hasErrors, type Finding } from '../findings/finding.js';
import { bundled } from './paths.js';
import { readTextInput, sha256 } from './read-input.js';
import { parseYaml, type YamlSource } from '../util/yaml-source.js';
import type { Edition, Questionnaire } from '../edition/types.js';
import { derivedCacheFile, readDerived, writeDerived } from './derived-cache.js';

/** How files are named in messages: relative to the working directory when inside it. */
export function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') ? rel : file;
}

export function readYaml(file: string, read: { text: string; bytes: Buffer } = readTextInput(file)): { source: YamlSource; hash: string } {
  return { source: parseYaml(read.text, displayPath(file)), hash: sha256(read.bytes) };
}

export function loadQuestionnaire(file: string, read?: { text: string; bytes: Buffer }): Loaded<Questionnaire> & { hash: string } {
  const { source, hash } = readYaml(file, read);
  return { ...questionnaireFromSource(source), hash };
}

/** Where an edition's files are: `<root>/questionnaires/YEAR.yaml` and `<root>/rubrics/YEAR.yaml`. */
export function editionFiles(year: number, root?: string): { questionnaire: string; rubric: string } {
  const q = root ? join(root, 'questionnaires') : bundled.questionnaires;
  const r = root ? join(root, 'rubrics') : bundled.rubrics;
  return { questionnaire: join(q, `${year}.yaml`), rubric: join(r, `${year}.yaml`) };
}

/** Loads and checks both files of an edition. Throws InputError only for unreadable/unparsable files. */
export function loadEditionFiles(
  files: { questionnaire: string; rubric: string },
  read?: { questionnaire: { text: string; bytes: Buffer }; rubric: { text: string; bytes: Buffer } },
): Loaded<Edition> {
  const qn = loadQuestionnaire(files.questionnaire, read?.questionnaire);
  const { source, hash } = readYaml(files.rubric, read?.rubric);
  if (!qn.value) return { findings: qn.findings };
  const rb = rubricFromSource(source, qn.value);
  const findings = [...qn.findings, ...rb.findings];
  if (!rb.value || hasErrors(findings)) return { findings };
  return {
    findings,
    value: {
      year: qn.value.edition,
      questionnaire: qn.value,
      rubric: rb.value,
      rubricHash: hash,
      questionnaireHash: qn.hash,
      files: { questionnaire: displayPath(files.questionnaire), rubric: displayPath(files.rubric) },
    },
  };
}

/**
 * Loads and checks both files of an edition, through the cache of checked editions
 * (src/files/derived-cache.ts): an edition that checked without error, bytes unchanged, is not parsed
 * again. What `tnl validate` and every command that loads an edition call.
 */
export function checkEditionFiles(files: { questionnaire: string; rubric: string }): Loaded<Edition> {
  const read = { questionnaire: readTextInput(files.questionnaire), rubric: readTextInput(files.rubric) };
  const cacheFile = derivedCacheFile(
    'editions',
    ['questionnaire', 'rubric'],
    [
      { name: displayPath(files.questionnaire), bytes: read.questionnaire.bytes },
      { name: displayPath(files.rubric), bytes: read.rubric.bytes },
    ],
  );
  const cached = readDerived<{ edition: Edition; findings: Finding[] }>(cacheFile, (v) => Boolean(v.edition) && Array.isArray(v.findings));
  if (cached) return { value: cached.edition, findings: cached.findings };
  const loaded = loadEditionFiles(files, read);
  if (loaded.value) writeDerived(cacheFile, { edition: loaded.value, findings: loaded.findings });
  return loaded;
}

/**
 * Loads an edition for scoring or reporting: an edition with errors is an input error (exit 2),
 * since nothing can be computed from it; warnings are returned.
 */
export function loadEdition(year: number, root?: string): { edition: Edition; findings: Finding[] } {
  const files = editionFiles(year, root);
  for (const f of [files.questionnaire, files.rubric]) {
    if (!existsSync(f)) throw new InputError(`édition ${year} introuvable : pas de fichier ${displayPath(f)}`, displayPath(f));
  }
  const { value, findings } = checkEditionFiles(files);
  if (!value) {
    const first = findings.find((f) => f.severity === 'error');
    throw new InputError(
      `l’édition ${year} n’est pas valide (${first?.message ?? 'erreur'}) ; lancez « tnl validate --edition ${year} » pour la liste complète`,
      first?.file,
      first?.line,
      first?.column,
    );
  }
  return { edition: value, findings };
}

/** The questionnaire that goes with a rubric file: in the sibling folder, else in the workspace (or the bundled examples outside one). */
export function questionnaireFor(rubricFile: string, year: number, root?: string): string | undefined {
  const candidates = [
    join(dirname(resolve(rubricFile)), '..', 'questionnaires', `${year}.yaml`),
    join(root ? join(root, 'questionnaires') : bundled.questionnaires, `${year}.yaml`),
  ];
  return candidates.find((c) => existsSync(c));
}

/**
 * The check of an edition about to be written (`tnl init --edition`): the texts are checked as
 * `tnl validate` would check the files, and any error is a FindingsError (exit 2), every problem
 * located: no command writes an edition that validate refuses.
 */
export function assertValidEditionTexts(
  files: { questionnaire: string; rubric: string },
  texts: { questionnaire: string; rubric: string },
  what: string,
): void {
  const read = (text: string) => ({ text, bytes: Buffer.from(text, 'utf8') });
  const { findings } = loadEditionFiles(files, { questionnaire: read(texts.questionnaire), rubric: read(texts.rubric) });
  const errors = findings.filter((f) => f.severity === 'error');
  if (errors.length)
    throw new FindingsError(
      `${what} : ${errors.length} erreur${errors.length > 1 ? 's' : ''} que tnl validate refuserait ; rien n’a été écrit :`,
      errors.map((f) => ({ file: f.file, line: f.line, column: f.column, message: f.message })),
    );
}
