import type { Result } from '../decisions/decisions.js';
import { messageWithPlace } from '../findings/finding.js';
import { incompleteTotals } from './scores/view.js';

/** How many dossier alerts are printed one by one before the rest is counted. */
const MAX_ALERT_LINES = 20;

/**
 * What the person who ran a scoring command must hear, on stderr, once: totals computed from an
 * incomplete export (with the questions and how many dossiers), dossiers that could not be scored,
 * and each dossier's alerts (a population that does not match INSEE's, a value read with a
 * warning). The same words are in the results themselves. Pure: the lines, without the stream.
 */
export function scoringNotice(results: readonly Result[]): string[] {
  const lines: string[] = [];
  const { fromExport: incomplete, ids, ungraded, criteria } = incompleteTotals(results);
  if (ungraded.length)
    lines.push(
      `attention : total incomplet pour ${ungraded.length} dossier${ungraded.length > 1 ? 's' : ''} sur ${results.length} : ` +
        `note${criteria.length > 1 ? 's' : ''} du jury manquante${criteria.length > 1 ? 's' : ''} pour ${criteria.map((id) => `« ${id} »`).join(', ')} ; ` +
        'réunissez les grilles des jurés (tnl jury collect) et donnez le fichier des notes avec --grades. Ces résultats sont marqués « incomplet ».',
    );
  if (incomplete.length) {
    lines.push(
      `attention : total incomplet pour ${incomplete.length} dossier${incomplete.length > 1 ? 's' : ''} sur ${results.length} : ` +
        `${ids.map((id) => `« ${id} »`).join(', ')} ${ids.length > 1 ? 'sont absents' : 'est absent'} de cet export (bloc répétable, que l’export CSV ne contient pas) ; ` +
        'donnez sa feuille avec --repetitions FICHIER, ou notez l’export JSON (tnl fetch) ou XLSX. Ces résultats sont marqués « incomplet ».',
    );
  }
  const notScored = results.filter((r) => r.card.notScored);
  if (notScored.length)
    lines.push(
      `attention : ${notScored.length} dossier${notScored.length > 1 ? 's' : ''} non noté${notScored.length > 1 ? 's' : ''}, sans niveau proposé : ` +
        notScored.map((r) => `${r.card.number} (${r.card.notScored})`).join(' ; '),
    );
  const summarised = new Set(['score/incomplete', 'score/jury-ungraded', 'score/missing-required', 'score/no-stratum']);
  const alerts = results.flatMap((r) =>
    r.card.findings.filter((f) => f.severity !== 'info' && !summarised.has(f.rule)).map((f) => `  ${messageWithPlace({ ...f, dossier: r.card.number })}`),
  );
  if (alerts.length) {
    lines.push(`${alerts.length} alerte${alerts.length > 1 ? 's' : ''} sur les dossiers (aussi dans les résultats) :`);
    lines.push(...alerts.slice(0, MAX_ALERT_LINES));
    if (alerts.length > MAX_ALERT_LINES) lines.push(`  … et ${alerts.length - MAX_ALERT_LINES} autres`);
  }
  return lines;
}
