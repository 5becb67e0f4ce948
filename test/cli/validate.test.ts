import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyEditions, edit, tnl } from '../helpers/cli.js';

describe('tnl validate', () => {
  it('a YAML syntax error: exit 2, its line and column, no stack trace', async () => {
    const dir = copyEditions();
    const rubric = join(dir, 'rubrics', '2024.yaml');
    const line = edit(rubric, '  strategie.bilan: { yes: 3 }', '  strategie.bilan: { yes: 3 } ]');
    const r = await tnl(['validate', '--root', dir, '--edition', '2024']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`rubrics/2024\\.yaml:${line}:31 : YAML invalide : élément inattendu : « ] »`));
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('a broken rubric in a root: exit 1, each problem at its file and line', async () => {
    const dir = copyEditions();
    const line = edit(
      join(dir, 'rubrics', '2024.yaml'),
      '{ id: c2, label: 3 500 à 19 999 habitants, min: 3500,',
      '{ id: c2, label: 3 500 à 19 999 habitants, min: 3600,',
    );
    const r = await tnl(['validate', '--root', dir, '--edition', '2024', '--format', 'json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { findings: { ruleId: string; line: number; file: string }[] };
    expect(report.findings.find((f) => f.ruleId === 'rubric/strata-gap')).toMatchObject({ line });
    expect(report.findings[0]!.file).toMatch(/rubrics[/\\]2024\.yaml$/);
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

  it('--strict: a warning alone is exit 0, and exit 1 with --strict', async () => {
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
