import { typography } from '../../util/french.js';
import { chalk } from '../colors.js';
import { textTable } from '../text-table.js';
import type { ScoresReport } from './view.js';
import { levelShort, proposedShort, scoreCells, sortResults, statusNotes } from './view.js';

/** The terminal table: French number formatting, sorted by level then score. */
export function scoresTable(r: ScoresReport): string {
  const { edition } = r;
  const volets = edition.questionnaire.volets;
  const results = sortResults(edition, r.results);
  const header = ['N°', 'Collectivité', 'Type', 'Population', 'Strate', ...volets.map((v) => v.short), 'Total', 'Proposé', 'Final', 'Conditions'];
  const right = [true, false, false, true, false, ...volets.map(() => true), true, false, false, false];
  const rows = results.map(({ card, proposed, final }) => [
    card.number,
    card.name.length > 38 ? `${card.name.slice(0, 37)}…` : card.name,
    ...scoreCells(edition, card),
    proposedShort(edition, card, proposed),
    final?.id !== proposed?.id ? chalk.bold(`${levelShort(edition, final)}*`) : levelShort(edition, final),
    card.blocked.length
      ? chalk.yellow(
          `✗ ${card.blocked
            .map(
              (b) =>
                `${levelShort(
                  edition,
                  edition.rubric.levels.find((l) => l.id === b.level)!,
                )} : ${b.gates.join(', ')}`,
            )
            .join(' ; ')}`,
        )
      : '',
  ]);
  const lines: string[] = [];
  lines.push(
    chalk.bold(`Notation — édition ${edition.year} (${edition.questionnaire.number}e édition) — ${results.length} dossier${results.length > 1 ? 's' : ''}`),
  );
  lines.push('');
  lines.push(textTable(header, rows, right, { head: (s) => chalk.bold(s) }));
  const counts = edition.rubric.levels.map((l) => `${levelShort(edition, l)} : ${results.filter((x) => x.final?.id === l.id).length}`);
  lines.push(`Par niveau final — ${counts.join(' · ')}${results.some((x) => !x.final) ? ` · non labellisés : ${results.filter((x) => !x.final).length}` : ''}`);
  if (results.some((x) => x.final?.id !== x.proposed?.id)) lines.push('* niveau final décidé par le jury');
  for (const note of statusNotes(results)) lines.push(chalk.yellow(note));
  const notes = results.flatMap(({ card }) =>
    card.findings
      .filter((f) => f.severity !== 'info' && f.rule !== 'score/incomplete' && f.rule !== 'score/jury-ungraded')
      .map((f) => `  ${card.number} ${card.name} : ${f.message}`),
  );
  if (notes.length) {
    lines.push('');
    lines.push(chalk.yellow('Alertes'));
    lines.push(...notes);
  }
  return typography(lines.join('\n') + '\n');
}
