import { describe, expect, it } from 'vitest';
import { editionFiles, loadEditionFiles } from '../../src/files/edition-files.js';

describe('bundled editions', () => {
  it.each([2024, 2025])('edition %i loads without findings', async (year) => {
    const { value, findings } = loadEditionFiles(editionFiles(year));
    expect(findings).toEqual([]);
    expect(value?.year).toBe(year);
  });

  it('2024 has the five volets, at least 40 questions, levels 1 to 5 and gates on 4 and 5', async () => {
    const e = loadEditionFiles(editionFiles(2024)).value!;
    expect(e.questionnaire.number).toBe(9);
    expect(e.questionnaire.volets.map((v) => v.id)).toEqual(['strategie', 'pratiques', 'logiciels', 'ecosysteme', 'donnees']);
    expect(e.questionnaire.questions.length).toBeGreaterThanOrEqual(40);
    expect(e.rubric.levels.map((l) => l.label)).toEqual(['découverte', 'initiatives ponctuelles', 'usage avancé', 'politique volontariste', 'excellence']);
    expect(e.rubric.levels[3]!.requires.length).toBeGreaterThan(0);
    expect(e.rubric.levels[4]!.requires.length).toBeGreaterThan(0);
    const jeux = e.rubric.rules.find((r) => r.questionId === 'donnees.jeux_publies');
    expect(jeux?.notApplicable).toContain('c1');
    const c1 = e.rubric.strata.find((s) => s.id === 'c1');
    expect(c1).toMatchObject({ min: 0, max: 3500 });
  });

  it('2025 is the 10-question form with Badge, Bronze, Argent, Or and the four mentions', async () => {
    const e = loadEditionFiles(editionFiles(2025)).value!;
    expect(e.questionnaire.number).toBe(10);
    expect(e.questionnaire.questions).toHaveLength(10);
    expect(e.rubric.levels.map((l) => l.label)).toEqual(['Badge', 'Bronze', 'Argent', 'Or']);
    expect(e.rubric.mentions.map((m) => m.label)).toEqual([
      'Meilleure première candidature',
      'Mutualisation',
      'Promotion et sensibilisation au libre',
      'Sobriété numérique',
    ]);
  });
});
