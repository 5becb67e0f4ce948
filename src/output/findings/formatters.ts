import { typography } from '../../util/french.js';
import { createHash } from 'node:crypto';
import { countBySeverity, messageWithPlace, sortFindings, type Finding } from '../../findings/finding.js';
import { chalk } from '../colors.js';

import type { FindingsFormat } from './formats.js';

export type { FindingsFormat } from './formats.js';

const severityFr = { error: 'erreur', warning: 'avertissement', info: 'info' } as const;

/** ESLint-like: findings grouped by file, then a count. */
function stylish(findings: readonly Finding[], checked: readonly string[]): string {
  const lines: string[] = [];
  const byFile = new Map<string, Finding[]>();
  for (const f of sortFindings(findings)) {
    const k = f.file ?? '';
    const list = byFile.get(k);
    if (list) list.push(f);
    else byFile.set(k, [f]);
  }
  for (const [file, list] of byFile) {
    lines.push(chalk.underline(file || '(sans fichier)'));
    for (const f of list) {
      const where = f.line !== undefined ? `${f.line}:${f.column ?? 1}` : '';
      const sev =
        f.severity === 'error' ? chalk.red(severityFr.error) : f.severity === 'warning' ? chalk.yellow(severityFr.warning) : chalk.blue(severityFr.info);
      lines.push(`  ${chalk.dim(where.padEnd(7))}  ${sev}  ${messageWithPlace(f)}  ${chalk.dim(f.rule)}`);
    }
    lines.push('');
  }
  const c = countBySeverity(findings);
  const plural = (n: number, s: string) => `${n}\u00a0${s}${n > 1 ? 's' : ''}`;
  if (!findings.length) {
    lines.push(chalk.green(`✓ ${plural(checked.length, 'fichier')} vérifié${checked.length > 1 ? 's' : ''}, aucun problème : ${checked.join(', ')}`));
  } else {
    const summary = `${c.error ? '✖' : '⚠'} ${plural(c.error, 'erreur')}, ${plural(c.warning, 'avertissement')}${c.info ? `, ${c.info}\u00a0info` : ''} dans ${plural(checked.length, 'fichier')}`;
    lines.push(c.error ? chalk.red.bold(summary) : chalk.yellow.bold(summary));
  }
  return typography(lines.join('\n') + '\n');
}

function json(findings: readonly Finding[], checked: readonly string[]): string {
  const c = countBySeverity(findings);
  return (
    JSON.stringify(
      {
        files: checked,
        errorCount: c.error,
        warningCount: c.warning,
        infoCount: c.info,
        findings: sortFindings(findings).map((f) => ({
          file: f.file ?? null,
          line: f.line ?? null,
          column: f.column ?? null,
          severity: f.severity,
          ruleId: f.rule,
          message: f.message,
          ...(f.dossier ? { dossier: f.dossier } : {}),
          ...(f.field ? { field: f.field } : {}),
        })),
      },
      null,
      2,
    ) + '\n'
  );
}

/** GitLab Code Quality report. */
function codeclimate(findings: readonly Finding[]): string {
  const sev = { error: 'major', warning: 'minor', info: 'info' } as const;
  const seen = new Map<string, number>();
  const issues = sortFindings(findings).map((f) => {
    const base = `${f.rule}|${f.file ?? ''}|${f.dossier ?? ''}|${f.message}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return {
      description: messageWithPlace(f),
      check_name: f.rule,
      fingerprint: createHash('md5').update(`${base}|${n}`).digest('hex'),
      severity: sev[f.severity],
      location: { path: f.file ?? '', lines: { begin: f.line ?? 1 } },
    };
  });
  return JSON.stringify(issues, null, 2) + '\n';
}

/** GitHub Actions workflow commands. */
function github(findings: readonly Finding[]): string {
  const esc = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const prop = (s: string) => esc(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
  const cmd = { error: 'error', warning: 'warning', info: 'notice' } as const;
  return sortFindings(findings)
    .map((f) => {
      const props = [
        f.file ? `file=${prop(f.file)}` : '',
        f.line !== undefined ? `line=${f.line}` : '',
        f.column !== undefined ? `col=${f.column}` : '',
        `title=${prop(f.rule)}`,
      ].filter(Boolean);
      return `::${cmd[f.severity]} ${props.join(',')}::${esc(messageWithPlace(f))}\n`;
    })
    .join('');
}

/** The formatter of each format: pure functions of the findings and the files checked. */
const FORMATTERS: Record<FindingsFormat, (findings: readonly Finding[], checked: readonly string[]) => string> = {
  stylish,
  json,
  codeclimate: (findings) => codeclimate(findings),
  github: (findings) => github(findings),
};

export function formatFindings(format: FindingsFormat, findings: readonly Finding[], checked: readonly string[]): string {
  return FORMATTERS[format](findings, checked);
}
