import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { questionnaireFromSource, rubricFromSource } from '../../src/edition/from-source.js';
import type { RawRubric } from '../../src/edition/rubric.js';
import { checkRubric, maxTotal } from '../../src/edition/rubric-checks.js';
import type { Questionnaire } from '../../src/edition/types.js';
import { parseYaml } from '../../src/util/yaml-source.js';
import { plain, root } from '../helpers/cli.js';

const text = (kind: 'questionnaires' | 'rubrics', year: number) => readFileSync(join(root, kind, `${year}.yaml`), 'utf8');

function questionnaire(yaml: string): Questionnaire {
  const loaded = questionnaireFromSource(parseYaml(yaml, 'questionnaire.yaml'));
  expect(loaded.findings.filter((f) => f.severity === 'error')).toEqual([]);
  return loaded.value!;
}

/** The rubric checks on a rubric text, against a questionnaire: the pure core, no file, no command. */
function check(rubricYaml: string, q: Questionnaire) {
  const source = parseYaml(rubricYaml, 'rubrics/2024.yaml');
  return { findings: checkRubric(source.data as RawRubric, q, source), raw: source.data as RawRubric };
}

const questionsOf = (q: Questionnaire) => new Map(q.questions.map((x) => [x.id, x]));

describe('the best total of a stratum (maxTotal)', () => {
  it('is 100 in every stratum of the bundled rubrics: every level is reachable', () => {
    for (const year of [2024, 2025]) {
      const q = questionnaire(text('questionnaires', year));
      const { findings, raw } = check(text('rubrics', year), q);
      expect(findings.filter((f) => f.rule.includes('unreachable'))).toEqual([]);
      const strata = Object.values(raw.strata).flatMap((list) => (list ?? []).map((s) => s.id));
      for (const s of strata) expect(maxTotal(raw, questionsOf(q), s), `${year} ${s}`).toBeCloseTo(100, 9);
    }
  });

  it('counts only the points an accepted answer can reach: a band above the question’s maximum is out of reach', () => {
    // Workstations are kept at most 6 years on this form: the band « 7 years and more » gives nothing.
    const q = questionnaire(
      text('questionnaires', 2024).replace(
        "    label: Durée moyenne d'utilisation des postes de travail (en années)\n    type: integer\n",
        "    label: Durée moyenne d'utilisation des postes de travail (en années)\n    type: integer\n    max: 6\n",
      ),
    );
    const { raw } = check(text('rubrics', 2024), q);
    // The band of 4 points is out of reach, that of 2 is the best: 2 points of the practices volet lost,
    // out of 34 (weighted 15 of 100) by default, out of 28 in c1 (two questions do not apply; weighted 20).
    expect(maxTotal(raw, questionsOf(q), 'c2')).toBeCloseTo(100 - (15 * 2) / 34, 9);
    expect(maxTotal(raw, questionsOf(q), 'c1')).toBeCloseTo(100 - (20 * 2) / 28, 9);
  });

  it('a top level out of reach in one stratum is an error located at the level, naming the stratum and the best total', () => {
    const q = questionnaire(
      text('questionnaires', 2024).replace(
        "    label: Durée moyenne d'utilisation des postes de travail (en années)\n    type: integer\n",
        "    label: Durée moyenne d'utilisation des postes de travail (en années)\n    type: integer\n    max: 6\n",
      ),
    );
    // Small communes are judged on their practices alone, and the top level asks 95 of them.
    const rubric = text('rubrics', 2024)
      .replace(
        '  c1: { strategie: 20, pratiques: 20, logiciels: 35, ecosysteme: 15, donnees: 10 }',
        '  c1: { strategie: 0, pratiques: 100, logiciels: 0, ecosysteme: 0, donnees: 0 }',
      )
      .replace('    symbol: "@@@@@"\n    min: 80\n', '    symbol: "@@@@@"\n    min: 80\n    min_by_stratum: { c1: 95 }\n');
    const { findings } = check(rubric, q);
    const unreachable = findings.filter((f) => f.rule === 'rubric/unreachable-level');
    expect(unreachable.map((f) => plain(f.message))).toEqual(['le niveau « 5 » est inaccessible dans la strate « c1 » : seuil 95, total maximal 92,9']);
    expect(unreachable[0]!.severity).toBe('error');
    expect(unreachable[0]!.line).toBe(rubric.split('\n').findIndex((l) => l.includes('symbol: "@@@@@"')) + 2);
  });

  it('a threshold exactly at the best total is reachable', () => {
    const q = questionnaire(
      text('questionnaires', 2024).replace('    type: integer\n    stable_id: 4512405\n', '    type: integer\n    max: 7\n    stable_id: 4512405\n'),
    );
    const { findings, raw } = check(text('rubrics', 2024), q);
    expect(maxTotal(raw, questionsOf(q), 'c1')).toBeCloseTo(100, 9);
    expect(findings.filter((f) => f.rule === 'rubric/unreachable-level')).toEqual([]);
  });
});

/** Broken copies of the bundled 2024 rubric: each problem is an error located at the line of the change. */
describe('rubric checks on broken copies of the 2024 rubric', () => {
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
      name: 'a jury criterion in an unknown volet',
      from: '      volet: ecosysteme\n      label: Qualité des actions décrites',
      to: '      volet: ecosystem\n      label: Qualité des actions décrites',
      rule: 'rubric/unknown-volet',
      message: /volet inconnu « ecosystem ». Vouliez-vous dire « ecosysteme »/,
    },
    {
      name: 'a jury criterion reading an unknown question',
      from: 'reads: [donnees.portail, donnees.jeux_publies, donnees.precisions]',
      to: 'reads: [donnees.portail, donnees.jeux_publie, donnees.precisions]',
      rule: 'rubric/unknown-question',
      message: /question inconnue « donnees.jeux_publie ». Vouliez-vous dire « donnees.jeux_publies »/,
    },
    {
      name: 'a jury scale whose maximum is not above its minimum',
      from: 'scale: { min: 0, max: 4 }',
      to: 'scale: { min: 4, max: 4 }',
      rule: 'rubric/jury-scale',
      message: /l’échelle des jurés va de 4 à 4 : le maximum doit dépasser le minimum/,
    },
    {
      name: 'a jury criterion named like a question',
      from: '    - id: donnees.qualite_documents',
      to: '    - id: donnees.portail',
      rule: 'rubric/jury-id',
      message: /le critère « donnees.portail » porte l’identifiant d’une question/,
    },
    {
      name: 'a jury criterion without points',
      from: '      points: 4\n',
      to: '      points: 0\n',
      rule: 'rubric/schema/exclusiveMinimum',
      message: /points/,
    },
    {
      name: 'a threshold above the maximum score',
      from: '    min: 80\n',
      to: '    min: 101\n',
      rule: 'rubric/schema/maximum',
      message: /doit être inférieur ou égal à 100/,
    },
  ];

  it.each(cases)('$name: an error at the line of the change', ({ from, to, rule, message }) => {
    const before = text('rubrics', 2024);
    const at = before.indexOf(from);
    expect(at).toBeGreaterThanOrEqual(0);
    const line = before.slice(0, at).split('\n').length;
    const source = parseYaml(before.replace(from, to), 'rubrics/2024.yaml');
    const { findings } = rubricFromSource(source, questionnaire(text('questionnaires', 2024)));
    const found = findings.find((f) => f.rule === rule);
    expect(found, JSON.stringify(findings, null, 1)).toBeDefined();
    expect(found!.severity).toBe('error');
    expect(found!.line).toBe(line);
    expect(found!.column).toBeGreaterThan(0);
    expect(found!.file).toBe('rubrics/2024.yaml');
    expect(plain(found!.message)).toMatch(message);
  });

  it('a volet without weight in a stratum that uses the default weights: an error for that stratum', () => {
    const rubric = text('rubrics', 2024).replace(
      'default: { strategie: 25, pratiques: 15, logiciels: 30, ecosysteme: 15, donnees: 15 }',
      'default: { strategie: 25, pratiques: 15, logiciels: 30, ecosysteme: 15 }',
    );
    const { findings } = rubricFromSource(parseYaml(rubric, 'rubrics/2024.yaml'), questionnaire(text('questionnaires', 2024)));
    expect(findings.map((f) => plain(f.message))).toContain('pas de poids pour le volet « donnees » dans la strate « c3 » (ni dans default)');
  });
});

describe('questionnaire checks', () => {
  it('an unknown volet and a duplicate id are both reported, each at its line, in one pass', () => {
    let yaml = text('questionnaires', 2024);
    const lineOf = (needle: string) => yaml.slice(0, yaml.indexOf(needle)).split('\n').length;
    const l1 = lineOf('  - id: strategie.bilan\n    volet: strategie\n') + 1;
    const l2 = lineOf('  - id: strategie.freins\n');
    yaml = yaml
      .replace('  - id: strategie.bilan\n    volet: strategie\n', '  - id: strategie.bilan\n    volet: strategy\n')
      .replace('  - id: strategie.freins\n', '  - id: strategie.bilan\n');
    const { findings } = questionnaireFromSource(parseYaml(yaml, 'questionnaires/2024.yaml'));
    expect(findings.find((f) => f.rule === 'questionnaire/unknown-volet')).toMatchObject({ line: l1, severity: 'error' });
    expect(findings.find((f) => f.rule === 'questionnaire/unique-id')).toMatchObject({ line: l2, severity: 'error' });
  });
});
