import { UsageError } from '../findings/errors.js';
import { hasErrors, sortFindings, strictify, type Finding } from '../findings/finding.js';
import { loadEdition } from '../edition/load.js';
import type { ColumnMatch } from '../ingest/columns.js';
import { DOSSIER_STATES, SCORED_STATES, STATE_LABELS, type DossierState } from '../ingest/dossier.js';
import { readExportAsync, readRepetitionFile, type ExportRead } from '../ingest/read-export.js';
import { chalk } from '../output/colors.js';
import { formatFindings } from '../output/findings/formatters.js';
import { frenchSpaces } from '../util/typography.js';
import { parseYear } from './run.js';

export interface InspectOptions {
  edition: string;
  root?: string;
  format: 'table' | 'json';
  state?: string[];
  strict?: boolean;
  repetitions?: string[];
}

/** `--state en_instruction,accepte` or repeated; French labels accepted. */
export function parseStates(values: string[] | undefined): DossierState[] {
  if (!values?.length) return [...SCORED_STATES];
  const out: DossierState[] = [];
  for (const v of values.flatMap((x) => x.split(','))) {
    const s = v.trim();
    if (s === 'tous') return [...DOSSIER_STATES];
    const found = DOSSIER_STATES.find((k) => k === s || STATE_LABELS[k].toLowerCase() === s.toLowerCase());
    if (!found) throw new UsageError(`état inconnu « ${s} » ; valeurs possibles : ${DOSSIER_STATES.join(', ')}, tous`);
    out.push(found);
  }
  return out;
}

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

function table(read: ExportRead, findings: Finding[]): string {
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
  return frenchSpaces(lines.join('\n') + '\n') + (findings.length ? formatFindings('stylish', findings, [read.file]) : chalk.green('✓ aucun problème\n'));
}

export async function inspectCommand(file: string, opts: InspectOptions): Promise<number> {
  const year = parseYear(opts.edition);
  const { edition } = loadEdition(year, opts.root);
  const repetitions = (opts.repetitions ?? []).map((f) => readRepetitionFile(f, edition.questionnaire));
  const read = await readExportAsync(file, edition.questionnaire, { states: parseStates(opts.state), repetitions, anyExport: true });
  const findings = sortFindings(opts.strict ? strictify(read.findings) : read.findings);
  if (opts.format === 'json') {
    process.stdout.write(
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
      ) + '\n',
    );
  } else process.stdout.write(table(read, findings));
  return hasErrors(findings) ? 1 : 0;
}
