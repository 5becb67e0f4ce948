import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readExport } from '../../src/files/read-export.js';
import { indexEdition, scoreAll, scoreDossier } from '../../src/scoring/score.js';
import { root } from '../helpers/cli.js';
import { edition } from '../helpers/edition.js';

describe('scoreAll and scoreDossier', () => {
  const ed = edition(2024);
  const { dossiers } = readExport(join(root, 'fixtures', 'ds-2024.json'), ed.questionnaire);

  it('compute the same card by default, next-level path included', () => {
    const index = indexEdition(ed);
    const many = scoreAll(dossiers, { edition: ed });
    const one = dossiers.map((d) => scoreDossier(d, index));
    expect(many).toEqual(one);
    expect(many.filter((c) => c.next).length).toBeGreaterThan(10);
  });

  it('both leave the path out when told to, and nothing else changes', () => {
    const index = indexEdition(ed);
    const many = scoreAll(dossiers, { edition: ed }, { withPath: false });
    const one = dossiers.map((d) => scoreDossier(d, index, undefined, { withPath: false }));
    expect(many).toEqual(one);
    expect(many.some((c) => c.next)).toBe(false);
    const full = scoreAll(dossiers, { edition: ed });
    expect(many).toEqual(full.map(({ next: _next, ...rest }) => rest));
  });
});
