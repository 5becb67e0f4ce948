import { typography } from '../util/french.js';
import type { ExportRead } from '../ingest/export-read.js';
import type { Finding } from '../findings/finding.js';
import type { ColumnMatch } from '../ingest/columns.js';
import { STATE_LABELS, type DossierState } from '../ingest/dossier.js';
import { chalk } from './colors.js';
import { formatFindings } from './findings/formatters.js';
import type { InspectFormat } from './inspect-formats.js';

// What `tnl inspect` shows of an export as read: pure formatters over the ExportRead.

function describeTarget(m: ColumnMatch): string {
  const t = m.target;
  const via = m.via === 'alias' ? ' (alias)' : m.via === 'id' ? ' (identifiant)' : '';
  const part = 'part' in t && t.part !== 'value' ? ` — ${t.part === 'code' ? 'code' : t.part === 'postal' ? 'code postal' : 'département'}` : '';
  switch (t.kind) {
    case 'fixed':
      return `dossier : ${{ number: 'numéro', state: 'état', depotAt: 'date de dépôt', instructionAt: 'passage en instruction', processedAt: 'date de traitement' }[t.field]}${via}`;
    case 'identity':
      return `identité : ${t.role}${part}${via}`;
    case 'question':
      return `question ${t.id}${part}${via}`;
    case 'annotation':
      return `annotation privée ${t.id}${via} (jamais publiée)`;
    case 'known':
      return 'colonne démarches simplifiées non utilisée';
    case 'duplicate':
      return 'en-tête en double, ignoré';
    case 'unknown':
      return 'ignorée (aucune question)';
  }
}

const encodingFr = { 'utf-8': 'UTF-8', 'utf-8-bom': 'UTF-8 avec BOM', 'windows-1252': 'Windows-1252', 'utf-16le': 'UTF-16', 'utf-16be': 'UTF-16' } as const;

function inspectTable(read: ExportRead, findings: readonly Finding[]): string {
  const lines: string[] = [];
  const sep = read.delimiter === ';' ? 'point-virgule' : read.delimiter === '\t' ? 'tabulation' : read.delimiter ? 'virgule' : '';
  lines.push(chalk.bold(`${read.file}`));
  lines.push(
    `Format : ${read.format === 'json' ? 'JSON (API GraphQL)' : read.format === 'xlsx' ? 'classeur XLSX' : `CSV, ${encodingFr[read.encoding]}, séparateur ${sep}`}`,
  );
  lines.push('');
  lines.push(chalk.bold(read.format === 'json' ? 'Champs' : 'Colonnes'));
  const width = String(read.columns.length).length;
  for (const m of read.columns) {
    const target = describeTarget(m);
    const colour = m.target.kind === 'unknown' || m.target.kind === 'duplicate' ? chalk.yellow : m.target.kind === 'known' ? chalk.dim : (s: string) => s;
    lines.push(`  ${String(m.index + 1).padStart(width)}  ${m.header.replace(/\s+/g, ' ')}  ${chalk.dim('→')} ${colour(target)}`);
  }
  lines.push('');
  lines.push(chalk.bold('Dossiers'));
  lines.push(`  ${read.count.read} lu${read.count.read > 1 ? 's' : ''}, ${read.count.kept} retenu${read.count.kept > 1 ? 's' : ''} pour la notation`);
  const skipped = Object.entries(read.skipped);
  if (skipped.length)
    lines.push(`  écartés : ${skipped.map(([s, n]) => `${n} ${s === 'inconnu' ? 'sans état' : STATE_LABELS[s as DossierState].toLowerCase()}`).join(', ')}`);
  lines.push('');
  return typography(lines.join('\n') + '\n') + (findings.length ? formatFindings('stylish', [...findings], [read.file]) : chalk.green('✓ aucun problème\n'));
}

function inspectJson(read: ExportRead, findings: readonly Finding[]): string {
  return (
    JSON.stringify(
      {
        file: read.file,
        sha256: read.sha256,
        format: read.format,
        encoding: read.encoding,
        delimiter: read.delimiter ?? null,
        columns: read.columns.map((m) => ({ index: m.index + 1, header: m.header, ...m.target, via: m.via ?? null })),
        dossiers: { read: read.count.read, kept: read.count.kept, skipped: read.skipped },
        findings,
      },
      null,
      2,
    ) + '\n'
  );
}

/** The renderer of each format of `tnl inspect`. */
export const INSPECT_RENDERERS: Record<InspectFormat, (read: ExportRead, findings: readonly Finding[]) => string> = {
  table: inspectTable,
  json: inspectJson,
};
