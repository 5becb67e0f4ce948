import { frNumber, typography } from '../util/french.js';
import { mdEscape } from '../util/escape.js';
import { createHash } from 'node:crypto';
import type { RubricComparison } from '../scoring/compare.js';
import type { RubricDiffFormat } from './rubric-diff-formats.js';
import { textTable } from './text-table.js';

// What `tnl rubric diff` prints: pure formatters of a rubric comparison.

/** How the two rubrics and the export are named in the report. */
export interface DiffLabels {
  from: string;
  to: string;
  export: string;
}

const lvl = (x: string | null) => x ?? '—';
const signed = (n: number) => `${n > 0 ? '+' : n < 0 ? '−' : ''}${frNumber(Math.abs(n), 1)}`;

function summary(c: RubricComparison): string {
  if (!c.changes.length) return `Aucun des ${c.dossiers} dossiers ne change de niveau.`;
  return `${c.changes.length} dossier${c.changes.length > 1 ? 's' : ''} sur ${c.dossiers} change${c.changes.length > 1 ? 'nt' : ''} de niveau : ${c.up} en hausse, ${c.down} en baisse.`;
}

function diffTable(c: RubricComparison, { from, to }: DiffLabels): string {
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
  return typography(lines.join('\n') + '\n');
}

function diffMarkdown(c: RubricComparison, { from, to }: DiffLabels): string {
  const out = [`## Changement de barème : ${mdEscape(from)} → ${mdEscape(to)}`, '', summary(c), ''];
  if (c.changes.length) {
    out.push('| N° | Collectivité | Strate | Niveau | Total | Écart |', '|---:|---|---|---|---:|---:|');
    for (const x of c.changes)
      out.push(
        `| ${x.number} | ${mdEscape(x.name)} | ${x.stratum ?? '—'} | ${lvl(x.from)} → **${lvl(x.to)}** | ${frNumber(x.totalFrom, 1)} → ${frNumber(x.totalTo, 1)} | ${signed(x.delta)} |`,
      );
    out.push('');
  }
  return typography(out.join('\n') + '\n');
}

function diffCodeclimate(c: RubricComparison, { to }: DiffLabels): string {
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

function diffJson(c: RubricComparison, labels: DiffLabels): string {
  return JSON.stringify({ from: labels.from, to: labels.to, export: labels.export, ...c, all: undefined }, null, 2) + '\n';
}

/** The renderer of each format of `tnl rubric diff`. */
export const RUBRIC_DIFF_RENDERERS: Record<RubricDiffFormat, (c: RubricComparison, labels: DiffLabels) => string> = {
  table: diffTable,
  md: diffMarkdown,
  json: diffJson,
  codeclimate: diffCodeclimate,
};
