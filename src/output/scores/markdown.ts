import { typography } from '../../util/french.js';
import { mdEscape } from '../../util/escape.js';
import type { ScoresReport } from './view.js';
import { levelShort, proposedShort, scoreCells, sortResults, statusNotes } from './view.js';
import type { Provenance } from '../provenance.js';

export function provenanceFooter(p: Provenance): string {
  const parts = [
    `tnl ${p.version}`,
    `édition ${p.edition}`,
    `barème \`${p.rubric.file}\` (sha256 \`${p.rubric.sha256.slice(0, 12)}\`)`,
    ...(p.input ? [`export \`${mdEscape(p.input.file)}\` (sha256 \`${p.input.sha256.slice(0, 12)}\`)`] : []),
    ...(p.decisions ? [`décisions \`${mdEscape(p.decisions.file)}\` (sha256 \`${p.decisions.sha256.slice(0, 12)}\`)`] : []),
    `le ${p.date}`,
  ];
  return `---\n\n_Produit par ${parts.join(', ')}._\n`;
}

export function scoresMarkdown(r: ScoresReport): string {
  const { edition } = r;
  const volets = edition.questionnaire.volets;
  const results = sortResults(edition, r.results);
  const out: string[] = [];
  out.push(`# Notation — édition ${edition.year} (${edition.questionnaire.number}e édition)`, '');
  out.push(`${results.length} dossier${results.length > 1 ? 's' : ''} noté${results.length > 1 ? 's' : ''}. Sous-notes et total sur 100.`, '');
  out.push(`| N° | Collectivité | Type | Population | Strate | ${volets.map((v) => mdEscape(v.short)).join(' | ')} | Total | Proposé | Final |`);
  out.push(`|---:|---|---|---:|---|${volets.map(() => '---:').join('|')}|---:|:---:|:---:|`);
  for (const { card, proposed, final } of results) {
    const cells = [
      card.number,
      mdEscape(card.name),
      ...scoreCells(edition, card),
      proposedShort(edition, card, proposed),
      final?.id !== proposed?.id ? `**${levelShort(edition, final)}**` : levelShort(edition, final),
    ];
    out.push(`| ${cells.join(' | ')} |`);
  }
  out.push('');
  const status = statusNotes(results);
  if (status.length) out.push(...status.map((n) => `> ${mdEscape(n)}`), '');
  const decided = results.filter((x) => x.final?.id !== x.proposed?.id);
  if (decided.length) {
    out.push('## Décisions du jury', '');
    for (const x of decided)
      out.push(
        `- ${mdEscape(x.card.name)} (${x.card.number}) : ${levelShort(edition, x.proposed)} → **${levelShort(edition, x.final)}** — ${mdEscape(x.reason ?? '')}`,
      );
    out.push('');
  }
  const blocked = results.filter((x) => x.card.blocked.length);
  if (blocked.length) {
    out.push('## Niveaux bloqués par une condition', '');
    for (const x of blocked)
      for (const b of x.card.blocked)
        out.push(`- ${mdEscape(x.card.name)} (${x.card.number}) : niveau ${b.level} atteint en points, mais il manque ${b.gates.map(mdEscape).join(', ')}`);
    out.push('');
  }
  const notes = results.flatMap((x) =>
    x.card.findings
      .filter((f) => f.severity !== 'info' && f.rule !== 'score/incomplete' && f.rule !== 'score/jury-ungraded')
      .map((f) => `- ${mdEscape(x.card.name)} (${x.card.number}) : ${mdEscape(f.message)}`),
  );
  if (notes.length) out.push('## Alertes', '', ...notes, '');
  out.push(provenanceFooter(r.provenance));
  return typography(out.join('\n'));
}
