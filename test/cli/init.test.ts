import { describe, expect, it } from 'vitest';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { copyEditions, edit, root, tempDir, tnl } from '../helpers/cli.js';

describe('tnl init', () => {
  it('copies the previous edition with the new year and number, and refuses to overwrite', async () => {
    const dir = copyEditions();
    const r = await tnl(['init', '--edition', '2026', '--from', '2025', '--root', dir]);
    expect(r.code).toBe(0);
    const q = readFileSync(join(dir, 'questionnaires', '2026.yaml'), 'utf8');
    expect(q).toMatch(/^edition: 2026$/m);
    expect(q).toMatch(/^number: 11$/m);
    expect(q).toMatch(/^# yaml-language-server: \$schema=/);
    expect(readFileSync(join(dir, 'rubrics', '2026.yaml'), 'utf8')).toMatch(/^edition: 2026$/m);
    expect((await tnl(['validate', '--root', dir, '--edition', '2026'])).code).toBe(0);
    const again = await tnl(['init', '--edition', '2026', '--from', '2025', '--root', dir]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/existe déjà/);
    expect(existsSync(join(dir, 'rubrics', '2026.yaml'))).toBe(true);
  });

  // Hardening, third round (2): no command writes an edition that tnl validate refuses.
  it.each([
    ['a number that is not one', 'questionnaires/2025.yaml', 'number: 10', 'number: dix', /questionnaires\/2025\.yaml:\d+:\d+ : .*number/],
    [
      'a question id used twice',
      'questionnaires/2025.yaml',
      '  - id: strategie.mutualisation',
      '  - id: strategie.engagement',
      /questionnaires\/2025\.yaml:\d+:\d+ : /,
    ],
    [
      'levels in the wrong order',
      'rubrics/2025.yaml',
      '{ id: argent, label: Argent, title: label Argent, min: 65 }',
      '{ id: argent, label: Argent, title: label Argent, min: 30 }',
      /rubrics\/2025\.yaml:\d+:\d+ : /,
    ],
    [
      'a condition on an unknown question',
      'rubrics/2025.yaml',
      '{ question: strategie.engagement, choices',
      '{ question: strategie.engagemnt, choices',
      /rubrics\/2025\.yaml:\d+:\d+ : .*strategie\.engagemnt/,
    ],
    ['an unknown key in the rubric', 'rubrics/2025.yaml', 'levels:\n', 'niveaux: 3\nlevels:\n', /rubrics\/2025\.yaml:\d+:\d+ : .*niveaux/],
  ])('from an edition with %s: every error located in the source, exit 2, nothing written', async (_, file, from, to, located) => {
    const dir = copyEditions();
    const line = edit(join(dir, file), from, to);
    expect((await tnl(['validate', '--root', dir, '--edition', '2025'])).code).toBe(1);
    const r = await tnl(['init', '--edition', '2026', '--from', '2025', '--root', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /l’édition 2025 à copier a des erreurs \(tnl validate --edition 2025\) : \d+ erreurs? que tnl validate refuserait ; rien n’a été écrit/,
    );
    expect(r.stderr).toMatch(located);
    expect(r.stderr).toContain(`${file}:${line}:`);
    expect(r.stderr).not.toMatch(/erreur interne|at .*\.js/);
    expect(existsSync(join(dir, 'questionnaires', '2026.yaml'))).toBe(false);
    expect(existsSync(join(dir, 'rubrics', '2026.yaml'))).toBe(false);
  });

  it('an edition whose warnings only (not errors) is copied: validate accepts it too', async () => {
    const dir = copyEditions();
    const r = await tnl(['init', '--edition', '2026', '--from', '2025', '--root', dir]);
    expect(r.code).toBe(0);
    expect((await tnl(['validate', '--root', dir, '--edition', '2026'])).code).toBe(0);
  });
});

describe('tnl history import writes no results file that validate refuses', () => {
  it('a record with the same laureate twice: located, exit 2, no file written', async () => {
    const dir = copyEditions();
    const record = join(tempDir(), 'releve.yaml');
    const laureate = (level: number) => `  - { name: Arles, dept: '13', level: ${level}, carrier: null, type: commune }`;
    writeFileSync(
      record,
      ['editions:', '- year: 2016', '  edition: 1', '  complete: false', '  level_scale: 1..5', '  awarded:', laureate(4), laureate(3)].join('\n') + '\n',
    );
    const r = await tnl(['history', 'import', record, '--root', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/results\/2016\.yaml ne serait pas valide .*rien n’a été écrit/);
    expect(r.stderr).toMatch(/« Arles » figure deux fois/);
    expect(existsSync(join(dir, 'results', '2016.yaml'))).toBe(false);
  });
});

describe('tnl history import --force keeps what was entered by hand', () => {
  const record = join(root, '..', 'shared', 'data', 'results-history.yaml');
  it.skipIf(!existsSync(record))('the published cumulative figures and the count of mentions survive a new import', async () => {
    const dir = copyEditions();
    cpSync(join(root, 'results'), join(dir, 'results'), { recursive: true });
    const r = await tnl(['history', 'import', record, '--root', dir, '--force']);
    expect(r.code).toBe(0);
    const y2022 = readFileSync(join(dir, 'results', '2022.yaml'), 'utf8');
    expect(y2022).toMatch(/to_date:/);
    expect(y2022).toMatch(/qualifier: plus de/);
    expect(readFileSync(join(dir, 'results', '2021.yaml'), 'utf8')).toMatch(/^ {2}mentions: 3$/m);
  });
});
