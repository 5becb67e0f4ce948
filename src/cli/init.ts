import { existsSync } from 'node:fs';
import { assertValidEditionTexts, displayPath, editionFiles, loadEditionFiles } from '../files/edition-files.js';
import { pruneRubric, skeletonFromLiveForm, type SkeletonReport } from '../ingest/skeleton.js';
import { readLiveForm } from './validate-demarche.js';
import { DEFAULT_INSTANCE, demarcheNumber } from './ds-connection.js';
import { InputError, UsageError } from '../findings/errors.js';
import { writeAtomic } from '../files/atomic-write.js';
import { readTextInput } from '../files/read-input.js';
import { parseYaml } from '../util/yaml-source.js';
import { nextEditionText } from '../edition/next-edition.js';
import type { InitOptions } from './init-wiring.js';
import type { Io } from './io.js';
import { at, workspaceOf } from './paths.js';
import { listEditions } from './validate.js';
import { bundled } from '../files/paths.js';
import { makeDir } from '../files/atomic-write.js';
import { CONFIG_FILE } from '../files/workspace.js';
import { join, relative, resolve } from 'node:path';
import { readdirSync } from 'node:fs';
import { parseYear } from './run.js';

/**
 * Starts an edition from the previous one: copies its questionnaire and rubric with the new year
 * and number, comments and layout kept. Never overwrites.
 */
export async function initCommand(opts: InitOptions, io: Io): Promise<number> {
  if (opts.edition === undefined) {
    if (opts.from !== undefined) throw new UsageError('--from va avec --edition : tnl init --edition 2026 --from 2025');
    if (opts.demarche !== undefined) throw new UsageError('--demarche va avec --edition : tnl init --edition 2026 --demarche 1450');
    return createWorkspace(opts, io);
  }
  const ws = workspaceOf(io, opts.root);
  if (!ws)
    throw new UsageError(
      'aucun espace de travail ici (ni tnl.config.yaml, ni dossiers questionnaires/ et rubrics/) : « tnl init » dans un dossier vide le crée, ou --root DOSSIER',
    );
  const year = parseYear(opts.edition);
  const earlier = listEditions(ws.root).filter((y) => y < year);
  if (opts.from === undefined && !earlier.length) throw new UsageError(`aucune édition avant ${year} dans ${displayPath(ws.root)} : --from ANNÉE`);
  const from = opts.from === undefined ? earlier.at(-1)! : parseYear(opts.from);
  if (year === from) throw new UsageError('la nouvelle édition doit être d’une autre année que celle copiée');
  const src = editionFiles(from, ws.root);
  const dst = editionFiles(year, ws.root);
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
  // The copied edition is checked as tnl validate checks it: an error there would be copied too.
  assertValidEditionTexts(
    src,
    { questionnaire: sources[0]!.text, rubric: sources[1]!.text },
    `l’édition ${from} à copier a des erreurs (tnl validate --edition ${from})`,
  );
  let texts = sources.map(({ text }) => nextEditionText(parseDocument(text), { from, year, oldNumber, newNumber }));
  // With --demarche, the questionnaire is brought up to the live form, and the rubric copy loses
  // what it gave to questions the form no longer has.
  let report: SkeletonReport | undefined;
  let pruned: string[] = [];
  if (opts.demarche !== undefined) {
    const previous = loadEditionFiles(src).value!.questionnaire;
    const number = demarcheNumber(opts.demarche);
    const form = await readLiveForm(number, opts, io, previous.demarche?.instance);
    const qdoc = parseDocument(texts[0]!);
    const instance = (opts.instance ?? previous.demarche?.instance ?? DEFAULT_INSTANCE).replace(/\/$/, '');
    report = skeletonFromLiveForm(qdoc, previous, form, instance);
    const qnote = `Questions mises à jour par « tnl init --demarche ${number} » d’après le formulaire en ligne (révision publiée le ${form.revision.published?.slice(0, 10) ?? '?'}).`;
    const rdoc = parseDocument(texts[1]!);
    pruned = pruneRubric(rdoc, new Set(report.gone));
    const rnote = pruned.length ? `Retiré du barème de ${from} (questions absentes du formulaire de ${year}) : ${pruned.join(' ; ')}.` : undefined;
    texts = [noteBeforeEdition(qdoc.toString({ lineWidth: 0 }), qnote), noteBeforeEdition(rdoc.toString({ lineWidth: 0 }), rnote)];
  }
  // And so is the edition made from it, before anything is written.
  assertValidEditionTexts(dst, { questionnaire: texts[0]!, rubric: texts[1]! }, `l’édition ${year} produite à partir de ${from} a des erreurs`);
  writeAtomic(dst.questionnaire, texts[0]!);
  writeAtomic(dst.rubric, texts[1]!);
  const lines = [`Édition ${year} créée à partir de ${from} :`, `  ${displayPath(dst.questionnaire)}`, `  ${displayPath(dst.rubric)}`];
  if (report) {
    lines.push(
      `D’après le formulaire en ligne de la démarche ${opts.demarche} : ${report.kept} question${report.kept > 1 ? 's' : ''} reprise${report.kept > 1 ? 's' : ''} de ${from}, ${report.fresh.length} nouvelle${report.fresh.length > 1 ? 's' : ''}${
        report.fresh.length
          ? ` (${report.fresh.join(', ')} : ${report.fresh.length > 1 ? 'marquées « NOUVEAU », vérifiez leur volet, puis donnez-leur' : 'marquée « NOUVEAU », vérifiez son volet, puis donnez-lui'} des points)`
          : ''
      }.`,
    );
    if (report.gone.length)
      lines.push(`Absentes du formulaire : ${report.gone.join(', ')} ; retiré du barème : ${pruned.length ? pruned.join(' ; ') : 'rien'}.`);
    if (report.identityMissing.length)
      lines.push(
        `Champs d’identité introuvables dans le formulaire : ${report.identityMissing.join(', ')} (gardés tels quels : tnl validate --demarche les signale).`,
      );
  } else if (q.demarche?.number !== undefined)
    lines.push(
      `À mettre à jour : le numéro de démarche (${String(q.demarche.number)}) est encore celui de ${from} ; remplacez-le dans ${displayPath(dst.questionnaire)} par celui de la démarche ${year}.`,
    );
  lines.push(
    report
      ? `Ensuite : tnl validate --edition ${year} --demarche ${opts.demarche}`
      : `Reportez les changements du formulaire, puis : tnl validate --edition ${year}`,
  );
  io.stderr.write(`${lines.join('\n')}\n`);
  return 0;
}

/** The starter files of a workspace: where each comes from in tnl, and where it goes. */
function starterFiles(results: 'copie' | 'vide'): { from: string; to: string; edit?: (text: string) => string }[] {
  const latest = listEditions().at(-1)!;
  // The schema line of a copied file points into tnl's own schemas, as installed in the workspace.
  const schema = (text: string) => text.replace(/\$schema=\.\.\/src\/edition\/schema\//, '$schema=../node_modules/tnl/src/edition/schema/');
  const files = [
    { from: join(bundled.workspace, 'tnl.config.yaml'), to: CONFIG_FILE },
    { from: join(bundled.workspace, 'README.md'), to: 'README.md' },
    { from: join(bundled.workspace, 'gitlab-ci.yml'), to: '.gitlab-ci.yml' },
    { from: join(bundled.workspace, 'gitignore'), to: '.gitignore' },
    { from: join(bundled.questionnaires, `${latest}.yaml`), to: join('questionnaires', `${latest}.yaml`), edit: schema },
    { from: join(bundled.rubrics, `${latest}.yaml`), to: join('rubrics', `${latest}.yaml`), edit: schema },
  ];
  if (results === 'copie')
    for (const f of readdirSync(bundled.results)
      .filter((x) => /^\d{4}\.yaml$/.test(x))
      .sort())
      files.push({ from: join(bundled.results, f), to: join('results', f), edit: schema });
  return files;
}

/**
 * `tnl init` without an edition: makes the current folder (or --root) a workspace, from tnl's
 * starter files and latest bundled edition. A file that is already there is kept: running it twice
 * changes nothing.
 */
function createWorkspace(opts: InitOptions, io: Io): number {
  const results = opts.results ?? 'copie';
  if (results !== 'copie' && results !== 'vide') throw new UsageError(`--results attend « copie » ou « vide », pas « ${results} »`);
  const root = opts.root === undefined ? io.cwd : at(io, opts.root);
  if (resolve(root) === resolve(bundled.questionnaires, '..'))
    throw new UsageError(
      'ce dossier est tnl lui-même (ses exemples) : créez l’espace de travail du label dans un autre dossier, par exemple « mkdir label-tnl && cd label-tnl && npx tnl init »',
    );
  makeDir(root);
  const created: string[] = [];
  const kept: string[] = [];
  for (const f of starterFiles(results)) {
    const target = join(root, f.to);
    if (existsSync(target)) {
      kept.push(f.to);
      continue;
    }
    makeDir(join(target, '..'));
    const { text } = readTextInput(f.from);
    writeAtomic(target, f.edit ? f.edit(text) : text);
    created.push(f.to);
  }
  for (const dir of ['results', 'jury', 'presse', 'exports', 'templates']) {
    const keep = join(root, dir, '.gitkeep');
    if (existsSync(join(root, dir)) && readdirSync(join(root, dir)).length) continue;
    makeDir(join(root, dir));
    writeAtomic(keep, '');
    created.push(join(dir, '.gitkeep'));
  }
  const where = relative(io.cwd, root) || '.';
  const lines = [`Espace de travail tnl dans ${where} : ${created.length} fichier${created.length > 1 ? 's' : ''} créé${created.length > 1 ? 's' : ''}.`];
  if (kept.length)
    lines.push(`Déjà là, gardé${kept.length > 1 ? 's' : ''} tel${kept.length > 1 ? 's' : ''} quel${kept.length > 1 ? 's' : ''} : ${kept.join(', ')}`);
  lines.push('Ensuite : lisez README.md, puis « npx tnl validate » et « npx tnl init --edition ANNÉE » pour la prochaine édition.');
  io.stderr.write(`${lines.join('\n')}\n`);
  return 0;
}

/** A comment line placed just before `edition:`, after the file's own header (its schema line first). */
function noteBeforeEdition(text: string, note: string | undefined): string {
  if (!note) return text;
  const lines = text.split('\n');
  const at = lines.findIndex((l) => /^edition:/.test(l));
  lines.splice(at < 0 ? 0 : at, 0, `# ${note}`);
  return lines.join('\n');
}
