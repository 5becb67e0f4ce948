import type { ScoresReport } from './view.js';
import { sortResults } from './view.js';

/** Plain numbers, one object per dossier, a provenance header. */
export function scoresJson(r: ScoresReport): string {
  const { edition } = r;
  const results = sortResults(edition, r.results);
  const byLevel: Record<string, number> = {};
  for (const l of edition.rubric.levels) byLevel[l.id] = results.filter((x) => x.final?.id === l.id).length;
  const doc = {
        provenance: r.provenance,
        summary: { dossiers: results.length, byLevel, notLabelled: results.filter((x) => !x.final).length },
        dossiers: results.map(({ card, proposed, final, reason, opinion, mentions, carrier }) => ({
          number: card.number,
          name: card.name,
          kind: card.kind ?? null,
          population: card.population ?? null,
          departement: card.departement ?? null,
          code: card.code ?? null,
          stratum: card.stratum ? { id: card.stratum.id, label: card.stratum.label } : null,
          volets: card.volets.map((v) => ({ id: v.id, points: v.points, max: v.max, weight: v.weight, score: v.ratio === undefined ? null : Math.round(v.ratio * 1000) / 10 })),
          total: card.total,
          proposedLevel: proposed?.id ?? null,
          finalLevel: final?.id ?? null,
          ...(reason ? { reason } : {}),
          ...(opinion ? { opinion } : {}),
          mentions,
          ...(carrier ?? card.referent ? { carrier: carrier ?? card.referent } : {}),
          gates: card.gates.map((g) => ({ level: g.level, label: g.label, question: g.question, holds: g.holds })),
          blocked: card.blocked,
          points: Object.fromEntries(card.questions.filter((x) => x.status === 'scored' || x.status === 'unanswered').map((x) => [x.id, x.points])),
          notApplicable: card.questions.filter((x) => x.status === 'not_applicable').map((x) => x.id),
          unknown: card.questions.filter((x) => x.status === 'unknown').map((x) => x.id),
          warnings: card.findings.map((f) => ({ severity: f.severity, rule: f.rule, message: f.message })),
        })),
  };
  // Pretty head, one dossier per line: readable diffs, a tenth of the size of a fully indented file.
  const { dossiers, ...head } = doc;
  const top = JSON.stringify(head, null, 2).replace(/\n}$/, '');
  return `${top},\n  "dossiers": [\n${dossiers.map((d) => `    ${JSON.stringify(d)}`).join(',\n')}\n  ]\n}\n`;
}
