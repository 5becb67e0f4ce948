import type { Result } from '../../decisions/decisions.js';
import type { ScoresReport } from './view.js';
import { sortResults } from './view.js';

/**
 * Plain numbers, one object per dossier, a provenance header. Pretty head, one dossier per line:
 * readable diffs, a tenth of the size of a fully indented file. Yielded in pieces (one per
 * dossier), written as they come: an export of 100 000 dossiers is never one string in memory.
 *
 * Each dossier's line is `JSON.stringify` of `dossierJson`, the object documented in the README.
 */
export function* scoresJson(r: ScoresReport): Generator<string> {
  const { edition } = r;
  const results = sortResults(edition, r.results);
  const byLevel: Record<string, number> = {};
  for (const l of edition.rubric.levels) byLevel[l.id] = 0;
  let notLabelled = 0;
  for (const x of results) {
    if (x.final) byLevel[x.final.id]! += 1;
    else notLabelled += 1;
  }
  const head = {
    provenance: r.provenance,
    summary: { dossiers: results.length, ...(r.deposited !== undefined ? { deposited: r.deposited } : {}), byLevel, notLabelled },
  };
  yield `${JSON.stringify(head, null, 2).replace(/\n}$/, '')},\n  "dossiers": [\n`;
  for (let i = 0; i < results.length; i++) yield `${i ? ',\n' : ''}    ${JSON.stringify(dossierJson(results[i]!))}`;
  yield `${results.length ? '\n' : ''}  ]\n}\n`;
}

/**
 * The object written for each dossier: the shape the README documents, field by field. A dossier
 * is one line, `JSON.stringify` of this object (a hand-written writer with memos was measured no
 * faster, docs/speed.md).
 */
export function dossierJson({ card, proposed, final, reason, opinion, mentions, carrier, previous }: Result) {
  return {
    number: card.number,
    name: card.name,
    kind: card.kind ?? null,
    population: card.population ?? null,
    departement: card.departement ?? null,
    code: card.code ?? null,
    stratum: card.stratum ? { id: card.stratum.id, label: card.stratum.label } : null,
    volets: card.volets.map((v) => ({
      id: v.id,
      points: v.points,
      max: v.max,
      weight: v.weight,
      score: v.ratio === undefined ? null : Math.round(v.ratio * 1000) / 10,
    })),
    total: card.total,
    proposedLevel: proposed?.id ?? null,
    finalLevel: final?.id ?? null,
    ...(reason ? { reason } : {}),
    ...(opinion ? { opinion } : {}),
    mentions,
    ...((carrier ?? card.referent) ? { carrier: carrier ?? card.referent } : {}),
    gates: card.gates.map((g) => ({ level: g.level, label: g.label, question: g.question, holds: g.holds })),
    blocked: card.blocked,
    // The jury's criteria: the grade kept and its points only (never a juror's name or own grade).
    ...(card.jury
      ? { jury: card.jury.map((j) => ({ criterion: j.criterion, grade: j.grade ?? null, points: Math.round(j.points * 1000) / 1000, max: j.max })) }
      : {}),
    points: Object.fromEntries(card.questions.filter((x) => x.status === 'scored' || x.status === 'unanswered').map((x) => [x.id, x.points])),
    notApplicable: card.questions.filter((x) => x.status === 'not_applicable').map((x) => x.id),
    unknown: card.questions.filter((x) => x.status === 'unknown').map((x) => x.id),
    ...(card.notScored ? { status: 'not_scored', notScored: card.notScored } : card.incomplete ? { status: 'incomplete', incomplete: card.incomplete } : {}),
    warnings: card.findings.map((f) => ({ severity: f.severity, rule: f.rule, message: f.message })),
    // With --previous: the same authority last year, and the rubric's and the answers' effects.
    ...(previous ? { previous } : {}),
  };
}
