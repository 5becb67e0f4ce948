import { describe, expect, it } from 'vitest';
import { applyDecisions, type Result } from '../../src/decisions/decisions.js';
import { readExport } from '../../src/files/read-export.js';
import { dossierJson, scoresJson } from '../../src/output/scores/json.js';
import { scoreAll } from '../../src/scoring/score.js';
import type { ScoreCard } from '../../src/scoring/types.js';
import { choice, dossier, yes } from '../helpers/dossier.js';
import { edition } from '../helpers/edition.js';
import { root } from '../helpers/cli.js';
import { join } from 'node:path';

/** The fields of a dossier in `tnl score --format json`, in order (optional ones where they go). */
const FIELDS = [
  'number',
  'name',
  'kind',
  'population',
  'departement',
  'code',
  'stratum',
  'volets',
  'total',
  'proposedLevel',
  'finalLevel',
  'reason',
  'opinion',
  'mentions',
  'carrier',
  'gates',
  'blocked',
  'jury',
  'points',
  'notApplicable',
  'unknown',
  'status',
  'notScored',
  'incomplete',
  'warnings',
];
const inOrder = (keys: string[]) => expect(keys).toEqual(FIELDS.filter((f) => keys.includes(f)));

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
        const o = JSON.parse(l) as { number: string; total: number; proposedLevel: string | null; volets: unknown[]; points: Record<string, number> };
        const r = byNumber.get(o.number)!;
        expect(l).toBe(JSON.stringify(dossierJson(r)));
        inOrder(Object.keys(o));
        expect(o.total).toBe(r.card.total);
        expect(o.proposedLevel).toBe(r.proposed?.id ?? null);
        expect(o.volets).toHaveLength(ed.questionnaire.volets.length);
        const scored = r.card.questions.filter((x) => x.status === 'scored' || x.status === 'unanswered');
        expect(Object.keys(o.points)).toEqual(scored.map((x) => x.id));
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
    expect(written).toContain(JSON.stringify(dossierJson(results[0]!)));
    expect(written).toContain(JSON.stringify(dossierJson(results[1]!)));
    for (const l of written) inOrder(Object.keys(JSON.parse(l) as object));
    expect(JSON.parse(written.find((l) => l.includes('"7"'))!)).toMatchObject({
      name: 'Ville "libre"\n</script>\u2028é',
      reason: 'Décision « du jury »\t',
      carrier: 'Mme \u00c9lue',
    });
  });
});
