import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { createHash } from 'node:crypto';
import { displayPath, loadQuestionnaire, questionnaireFor, readYaml, rubricFromSource } from '../edition/load.js';
import type { Edition } from '../edition/types.js';
import { FindingsError, InputError, UsageError } from '../findings/errors.js';
import { readExportAsync, readRepetitionFile } from '../ingest/read-export.js';
import { compareRubrics, type RubricComparison } from '../scoring/compare.js';
import { frNumber } from '../util/french-format.js';
import { frenchSpaces } from '../util/typography.js';
import { textTable } from '../output/text-table.js';
import { isRecord } from '../util/yaml-source.js';
import { parseStates } from './inspect.js';

export interface RubricDiffOptions {
  from?: string;
  fromRev?: string;
  to: string;
  format: 'table' | 'json' | 'md' | 'codeclimate';
  failOnChange?: boolean;
  questionnaire?: string;
  state?: string[];
  repetitions?: string[];
}

/** A rubric file as an Edition, paired with its questionnaire (beside it, or bundled). */
function editionOf(rubricFile: string, questionnaireFile?: string): Edition {
  const { source, hash } = readYaml(rubricFile);
  const year = isRecord(source.data) ? Number(source.data.edition) : NaN;
  const qFile = questionnaireFile ?? (Number.isInteger(year) ? questionnaireFor(rubricFile, year) : undefined);
  if (!qFile) throw new InputError(`questionnaire de l’édition ${Number.isInteger(year) ? year : '?'} introuvable : --questionnaire`, source.file);
  const qn = loadQuestionnaire(qFile);
  if (!qn.value) throw new FindingsError(`questionnaire invalide (${displayPath(qFile)}) :`, qn.findings);
  const rb = rubricFromSource(source, qn.value);
  if (!rb.value)
    throw new FindingsError(
      `barème invalide (${source.file}) ; « tnl validate » pour le détail :`,
      rb.findings.filter((f) => f.severity === 'error'),
    );
  return {
    year,
    questionnaire: qn.value,
    rubric: rb.value,
    rubricHash: hash,
    questionnaireHash: qn.hash,
    files: { questionnaire: displayPath(qFile), rubric: source.file },
  };
}

/**
 * The rubric as it was at a git revision (for a merge request: the target branch). The revision is
 * never read by git as an option (`--output=…` would make it write a file): it is refused when it
 * starts with « - », then resolved to a commit after --end-of-options, and only that hash is used.
 */
function rubricAtRevision(rev: string, file: string): { file: string; dir: string } {
  // eslint-disable-next-line no-control-regex
  if (!rev || rev.startsWith('-') || /[\u0000-\u001f\u007f]/.test(rev))
    throw new UsageError(`révision git invalide « ${rev.replace(/[\u0000-\u001f\u007f]/g, '?')} » (exemples : origin/main, HEAD~1, v2025)`);
  const abs = resolve(file);
  const git = (args: string[], cwd: string) =>
    execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 16 * 1024 * 1024, timeout: 30_000 });
  let top: string;
  try {
    top = git(['rev-parse', '--show-toplevel'], dirname(abs)).trim();
  } catch {
    throw new UsageError('--from-rev demande un dépôt git');
  }
  let commit: string;
  try {
    commit = git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`], top).trim();
  } catch {
    throw new UsageError(`révision git inconnue « ${rev} »`);
  }
  if (!/^[0-9a-f]{40,64}$/.test(commit)) throw new UsageError(`révision git inconnue « ${rev} »`);
  let text: string;
  try {
    text = git(['show', `${commit}:${relative(top, abs).split('\\').join('/')}`], top);
  } catch {
    throw new UsageError(`le barème ${displayPath(file)} n’existe pas à la révision « ${rev} »`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'tnl-rev-'));
  const out = join(dir, 'rubrics', basename(file));
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, text);
  return { file: out, dir };
}

export async function rubricDiffCommand(exportFile: string, opts: RubricDiffOptions): Promise<number> {
  if (!opts.from === !opts.fromRev) throw new UsageError('donnez l’ancien barème avec --from FICHIER ou --from-rev RÉVISION (l’un des deux)');
  const atRev = opts.fromRev === undefined ? undefined : rubricAtRevision(opts.fromRev, opts.to);
  const fromFile = opts.from ?? atRev!.file;
  let toEdition: Edition;
  let fromEdition: Edition;
  try {
    toEdition = editionOf(opts.to, opts.questionnaire);
    fromEdition = editionOf(fromFile, opts.questionnaire ?? (opts.fromRev ? (questionnaireFor(opts.to, toEdition.year) ?? undefined) : undefined));
  } finally {
    if (atRev) rmSync(atRev.dir, { recursive: true, force: true });
  }
  const repetitions = (opts.repetitions ?? []).map((f) => readRepetitionFile(f, toEdition.questionnaire));
  const read = await readExportAsync(exportFile, toEdition.questionnaire, { states: parseStates(opts.state), repetitions });
  const cmp = compareRubrics(read.dossiers, fromEdition, toEdition);
  const label = opts.fromRev ? `${displayPath(opts.to)}@${opts.fromRev}` : displayPath(fromFile);
  const text = {
    table: () => diffTable(cmp, label, displayPath(opts.to)),
    md: () => diffMarkdown(cmp, label, displayPath(opts.to)),
    json: () => JSON.stringify({ from: label, to: displayPath(opts.to), export: read.file, ...cmp, all: undefined }, null, 2) + '\n',
    codeclimate: () => diffCodeclimate(cmp, displayPath(opts.to)),
  }[opts.format]();
  process.stdout.write(text);
  return opts.failOnChange && cmp.changes.length ? 1 : 0;
}

const lvl = (x: string | null) => x ?? '—';
const signed = (n: number) => `${n > 0 ? '+' : n < 0 ? '−' : ''}${frNumber(Math.abs(n), 1)}`;

function summary(c: RubricComparison): string {
  if (!c.changes.length) return `Aucun des ${c.dossiers} dossiers ne change de niveau.`;
  return `${c.changes.length} dossier${c.changes.length > 1 ? 's' : ''} sur ${c.dossiers} change${c.changes.length > 1 ? 'nt' : ''} de niveau : ${c.up} en hausse, ${c.down} en baisse.`;
}

function diffTable(c: RubricComparison, from: string, to: string): string {
  const lines = [`Barème ${from} → ${to}`, '', summary(c), ''];
  if (c.changes.length) {
    lines.push(
      textTable(
        ['N°', 'Collectivité', 'Strate', 'Niveau', 'Total', 'Écart'],
        c.changes.map((x) => [
          x.number,
          x.name,
          x.stratum ?? '—',
          `${lvl(x.from)} → ${lvl(x.to)}`,
          `${frNumber(x.totalFrom, 1)} → ${frNumber(x.totalTo, 1)}`,
          signed(x.delta),
        ]),
        [true, false, false, false, true, true],
      ),
    );
    lines.push(
      `Par niveau : ${Object.entries(c.byLevel)
        .map(([id, v]) => `${id} +${v.gained}/−${v.lost}`)
        .join(' · ')}`,
    );
  }
  const moved = c.all.filter((x) => x.delta !== 0);
  lines.push(
    moved.length
      ? `${moved.length} dossier${moved.length > 1 ? 's' : ''} voi${moved.length > 1 ? 'ent leur' : 't son'} total bouger (écart maximal ${signed(moved.reduce((m, x) => (Math.abs(x.delta) > Math.abs(m) ? x.delta : m), 0))}).`
      : 'Aucun dossier ne voit son total bouger.',
  );
  return frenchSpaces(lines.join('\n') + '\n');
}

function diffMarkdown(c: RubricComparison, from: string, to: string): string {
  const out = [`## Changement de barème : ${from} → ${to}`, '', summary(c), ''];
  if (c.changes.length) {
    out.push('| N° | Collectivité | Strate | Niveau | Total | Écart |', '|---:|---|---|---|---:|---:|');
    for (const x of c.changes)
      out.push(
        `| ${x.number} | ${x.name.replace(/\|/g, '\\|')} | ${x.stratum ?? '—'} | ${lvl(x.from)} → **${lvl(x.to)}** | ${frNumber(x.totalFrom, 1)} → ${frNumber(x.totalTo, 1)} | ${signed(x.delta)} |`,
      );
    out.push('');
  }
  return frenchSpaces(out.join('\n') + '\n');
}

function diffCodeclimate(c: RubricComparison, to: string): string {
  return (
    JSON.stringify(
      c.changes.map((x) => ({
        description: `Le dossier ${x.number} (${x.name}) passe du niveau ${lvl(x.from)} au niveau ${lvl(x.to)} (total ${x.totalFrom} → ${x.totalTo}).`,
        check_name: 'rubric/level-change',
        fingerprint: createHash('md5').update(`${x.number}|${x.from}|${x.to}`).digest('hex'),
        severity: 'major',
        location: { path: to, lines: { begin: 1 } },
      })),
      null,
      2,
    ) + '\n'
  );
}
