import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { editionFiles, loadEditionFiles } from '../../src/files/edition-files.js';
import { copyEditions, edit, tnl } from '../helpers/cli.js';

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

/** Broken copies of the bundled 2024 rubric: each must be reported at the line of the change, exit 1. */
describe('tnl validate on broken copies', () => {
  const cases: { name: string; from: string; to: string; rule: string; message: RegExp }[] = [
    {
      name: 'a gap between two strata',
      from: '{ id: c2, label: 3 500 à 19 999 habitants, min: 3500,',
      to: '{ id: c2, label: 3 500 à 19 999 habitants, min: 3600,',
      rule: 'rubric/strata-gap',
      message: /trou entre les strates « c1 » et « c2 » : de 3 500 à 3 600 habitants/,
    },
    {
      name: 'two overlapping strata',
      from: '{ id: c3, label: 20 000 à 99 999 habitants, min: 20000,',
      to: '{ id: c3, label: 20 000 à 99 999 habitants, min: 19000,',
      rule: 'rubric/strata-overlap',
      message: /« c2 » et « c3 » se chevauchent de 19 000 à 20 000/,
    },
    {
      name: 'a threshold below the previous level’s',
      from: 'symbol: "@@@", min: 40,',
      to: 'symbol: "@@@", min: 20,',
      rule: 'rubric/thresholds-order',
      message: /le seuil du niveau « 3 » \(20\) doit dépasser celui du niveau « 2 » \(25\)/,
    },
    {
      name: 'a rubric question absent from the questionnaire',
      from: '  strategie.bilan: { yes: 3 }',
      to: '  strategie.bilans: { yes: 3 }',
      rule: 'rubric/unknown-question',
      message: /la question « strategie.bilans » n’existe pas dans le questionnaire. Vouliez-vous dire « strategie.bilan »/,
    },
    {
      name: 'a choice id that does not exist',
      from: 'choices: { aucun: 0, preparation: 3, adopte: 7, evalue: 10 }',
      to: 'choices: { aucun: 0, preparation: 3, adoptee: 7, evalue: 10 }',
      rule: 'rubric/unknown-choice',
      message: /l’option « adoptee » n’existe pas pour la question « strategie.plan_action ». Vouliez-vous dire « adopte »/,
    },
    {
      name: 'a string where a number is expected',
      from: '  strategie.elu_delegue: { yes: 3 }',
      to: '  strategie.elu_delegue: { yes: trois }',
      rule: 'rubric/schema/type',
      message: /questions.strategie.elu_delegue.yes : doit être un nombre, pas le texte « trois »/,
    },
    {
      name: 'a gate on an unknown choice',
      from: '{ question: strategie.deliberation, label:',
      to: '{ question: strategie.deliberations, label:',
      rule: 'rubric/unknown-question',
      message: /la condition porte sur une question inconnue « strategie.deliberations »/,
    },
    {
      name: 'a weight for an unknown volet',
      from: 'c2: { strategie: 25, pratiques: 15,',
      to: 'c2: { strategies: 25, pratiques: 15,',
      rule: 'rubric/unknown-volet',
      message: /volet inconnu « strategies »/,
    },
    {
      name: 'a threshold above the maximum score',
      from: '    min: 80\n',
      to: '    min: 101\n',
      rule: 'rubric/schema/maximum',
      message: /doit être inférieur ou égal à 100/,
    },
  ];

  it.each(cases)('reports $name at its line, exit 1', async ({ from, to, rule, message }) => {
    const dir = copyEditions();
    const rubric = join(dir, 'rubrics', '2024.yaml');
    const line = edit(rubric, from, to) + (from.startsWith('    min: 80') ? 0 : 0);
    const r = await tnl(['validate', '--root', dir, '--edition', '2024', '--format', 'json']);
    expect(r.code, r.stderr).toBe(1);
    const report = JSON.parse(r.stdout) as { findings: { ruleId: string; line: number; message: string; file: string; column: number }[] };
    const found = report.findings.find((f) => f.ruleId === rule);
    expect(found, JSON.stringify(report.findings, null, 1)).toBeDefined();
    expect(found!.line).toBe(line);
    expect(found!.column).toBeGreaterThan(0);
    expect(found!.file).toMatch(/rubrics[/\\]2024\.yaml$/);
    expect(found!.message).toMatch(message);
  });

  it('a missing weight for a volet in a stratum is reported', async () => {
    const dir = copyEditions();
    const rubric = join(dir, 'rubrics', '2024.yaml');
    edit(
      rubric,
      'default: { strategie: 25, pratiques: 15, logiciels: 30, ecosysteme: 15, donnees: 15 }',
      'default: { strategie: 25, pratiques: 15, logiciels: 30, ecosysteme: 15 }',
    );
    const r = await tnl(['validate', '--root', dir, '--edition', '2024', '--format', 'json']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/pas de poids pour le volet « donnees » dans la strate « c3 »/);
  });

  it('a YAML syntax error exits 2 with its line and column, no stack trace', async () => {
    const dir = copyEditions();
    const rubric = join(dir, 'rubrics', '2024.yaml');
    const line = edit(rubric, '  strategie.bilan: { yes: 3 }', '  strategie.bilan: { yes: 3 } ]');
    const r = await tnl(['validate', '--root', dir, '--edition', '2024']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`rubrics/2024\\.yaml:${line}:31 : YAML invalide : élément inattendu : « ] »`));
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('a questionnaire with an unknown volet and a duplicate id is reported in one pass', async () => {
    const dir = copyEditions();
    const questionnaire = join(dir, 'questionnaires', '2024.yaml');
    const l1 = edit(questionnaire, '  - id: strategie.bilan\n    volet: strategie\n', '  - id: strategie.bilan\n    volet: strategy\n') + 1;
    const l2 = edit(questionnaire, '  - id: strategie.freins\n', '  - id: strategie.bilan\n');
    const r = await tnl(['validate', '--root', dir, '--edition', '2024', '--format', 'json']);
    expect(r.code).toBe(1);
    const findings = (JSON.parse(r.stdout) as { findings: { ruleId: string; line: number; message: string }[] }).findings;
    expect(findings.find((f) => f.ruleId === 'questionnaire/unknown-volet')).toMatchObject({ line: l1 });
    expect(findings.find((f) => f.ruleId === 'questionnaire/unique-id')).toMatchObject({ line: l2 });
  });
});

describe('tnl validate output formats', () => {
  it('codeclimate is an array of GitLab Code Quality issues', async () => {
    const dir = copyEditions();
    edit(join(dir, 'rubrics', '2024.yaml'), '  strategie.bilan: { yes: 3 }', '  strategie.bilans: { yes: 3 }');
    const r = await tnl(['validate', join(dir, 'rubrics', '2024.yaml'), '--format', 'codeclimate']);
    expect(r.code).toBe(1);
    const issues = JSON.parse(r.stdout) as unknown[];
    expect(issues.length).toBeGreaterThan(0);
    for (const i of issues) {
      expect(i).toMatchObject({
        description: expect.any(String),
        check_name: expect.any(String),
        fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/),
        severity: expect.stringMatching(/^(info|minor|major|critical|blocker)$/),
        location: { path: expect.stringMatching(/2024\.yaml$/), lines: { begin: expect.any(Number) } },
      });
    }
  });

  it('github prints workflow annotations', async () => {
    const dir = copyEditions();
    const line = edit(join(dir, 'rubrics', '2024.yaml'), '  strategie.bilan: { yes: 3 }', '  strategie.bilans: { yes: 3 }');
    const r = await tnl(['validate', '--root', dir, '--edition', '2024', '--format', 'github']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(new RegExp(`^::error file=.*2024\\.yaml,line=${line},col=3,title=rubric/unknown-question::`, 'm'));
  });

  it('json of a clean edition has no findings and exit 0', async () => {
    const r = await tnl(['validate', '--edition', '2025', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ errorCount: 0, warningCount: 0, findings: [] });
  });

  it('validates files given as arguments, pairing the rubric with its questionnaire', async () => {
    const r = await tnl(['validate', 'questionnaires/2025.yaml', 'rubrics/2025.yaml']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/2 fichiers vérifiés, aucun problème/);
  });

  it('--strict turns warnings into errors', async () => {
    const dir = copyEditions();
    edit(
      join(dir, 'questionnaires', '2024.yaml'),
      'label: Firefox est-il le navigateur par défaut des postes ?',
      'label: Quels logiciels libres utilisez-vous au quotidien ?',
    );
    expect((await tnl(['validate', '--root', dir, '--edition', '2024'])).code).toBe(0);
    expect((await tnl(['validate', '--root', dir, '--edition', '2024', '--strict'])).code).toBe(1);
  });
});
