import { describe, expect, it } from 'vitest';
import { indexEdition, scoreAll, scoreDossier, SHARED_ENTRIES } from '../../src/scoring/score.js';
import { dossier, num, yes } from '../helpers/dossier.js';
import { edition } from '../helpers/edition.js';

/**
 * Scoring shares the (frozen) line of a question between the dossiers that gave the same answer, up
 * to SHARED_ENTRIES answers per question (docs/speed.md). Past that, a dossier scores as it would alone.
 */
describe('shared question lines, past their limit', () => {
  it('more distinct answers than are shared: every card equals the card of the dossier scored alone', () => {
    const ed = edition(2024);
    const dossiers = Array.from({ length: SHARED_ENTRIES + 300 }, (_, i) =>
      dossier(
        'commune',
        5000 + i,
        { 'strategie.deliberation': yes, 'strategie.budget_libre': num(i / 10), 'pratiques.duree_vie_postes': num(i % 11) },
        String(i + 1),
      ),
    );
    // The first ones again: answers seen before the limit, shared.
    dossiers.push(...dossiers.slice(0, 50).map((d, i) => ({ ...d, number: `again-${i}` })));
    const batch = scoreAll(dossiers, { edition: ed });
    const alone = dossiers.map((d) => scoreDossier(d, indexEdition(ed)));
    expect(batch).toEqual(alone);
    const budget = (c: (typeof batch)[number]) => c.questions.find((q) => q.id === 'strategie.budget_libre')!;
    expect(budget(batch.at(-1)!)).toBe(budget(batch[49]!));
    expect(Object.isFrozen(budget(batch[0]!))).toBe(true);
  });
});
