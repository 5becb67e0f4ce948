import { describe, expect, it } from 'vitest';
import { applyDecisions, type Result } from '../../src/decisions/decisions.js';
import { readExport } from '../../src/files/read-export.js';
import { scoresJson } from '../../src/output/scores/json.js';
import { scoreAll } from '../../src/scoring/score.js';
import type { ScoreCard } from '../../src/scoring/types.js';
import { choice, dossier, yes } from '../helpers/dossier.js';
import { edition } from '../helpers/edition.js';
import { root } from '../helpers/cli.js';
import { join } from 'node:path';

/** The documented shape of a dossier in `tnl score --format json`: the oracle of the fast writer. */
function documented({ card, proposed, final, reason, opinion, mentions, carrier }: Result) {
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
    points: Object.fromEntries(card.questions.filter((x) => x.status === 'scored' || x.status === 'unanswered').map((x) => [x.id, x.points])),
    notApplicable: card.questions.filter((x) => x.status === 'not_applicable').map((x) => x.id),
    unknown: card.questions.filter((x) => x.status === 'unknown').map((x) => x.id),
    ...(card.notScored ? { status: 'not_scored', notScored: card.notScored } : card.incomplete ? { status: 'incomplete', incomplete: card.incomplete } : {}),
    warnings: card.findings.map((f) => ({ severity: f.severity, rule: f.rule, message: f.message })),
  };
}

const provenance = {
  tool: 'tnl',
  version: '0',
  edition: 2024,
  rubric: { file: 'r', sha256: 'x' },
  questionnaire: { file: 'q', sha256: 'y' },
  date: '2024-12-10',
};

function lines(results: Result[]): string[] {
  const ed = edition(2024);
  const text = [...scoresJson({ edition: ed, results, provenance } as Parameters<typeof scoresJson>[0])].join('');
  return text
    .split('\n')
    .filter((l) => l.startsWith('    {'))
    .map((l) => l.trim().replace(/,$/, ''));
}

describe('tnl score --format json writes each dossier as JSON.stringify of its documented shape', () => {
  it('for every dossier of the fixtures (CSV: unknown repetitions; JSON: every answer)', () => {
    const ed = edition(2024);
    for (const file of ['ds-2024.csv', 'ds-2024.json']) {
      const read = readExport(join(root, 'fixtures', file), ed.questionnaire);
      const results = applyDecisions(scoreAll(read.all, { edition: ed }), ed);
      const byNumber = new Map(results.map((r) => [r.card.number, r]));
      const written = lines(results);
      expect(written).toHaveLength(results.length);
      for (const l of written) {
        const number = (JSON.parse(l) as { number: string }).number;
        expect(l).toBe(JSON.stringify(documented(byNumber.get(number)!)));
      }
    }
  });

  it('with what a jury adds, unscored dossiers and text that JSON must escape', () => {
    const ed = edition(2024);
    const cards: ScoreCard[] = scoreAll(
      [
        {
          ...dossier('commune', 3499, { 'strategie.deliberation': yes, 'strategie.plan_action': choice('adopte') }, '7'),
          identity: { name: 'Ville "libre"\n</script>\u2028é', kind: 'commune', population: 3499, referent: 'M. Ré\\mi' },
        },
        { ...dossier('commune', 3500, {}, '8'), identity: { name: 'Sans strate' } },
      ],
      { edition: ed },
    );
    const [a, b] = applyDecisions(cards, ed);
    const results: Result[] = [
      {
        ...a!,
        final: ed.rubric.levels[2]!,
        reason: 'Décision « du jury »\t',
        opinion: 'Très bien',
        mentions: ['coup-de-coeur', 'x"y'],
        carrier: 'Mme \u00c9lue',
      },
      b!,
    ];
    const written = lines(results);
    expect(written).toHaveLength(2);
    expect(written).toContain(JSON.stringify(documented(results[0]!)));
    expect(written).toContain(JSON.stringify(documented(results[1]!)));
    expect(JSON.parse(written.find((l) => l.includes('"7"'))!)).toMatchObject({
      name: 'Ville "libre"\n</script>\u2028é',
      reason: 'Décision « du jury »\t',
      carrier: 'Mme \u00c9lue',
    });
  });
});
