import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { copyEditions, root, tempDir, tnl } from '../helpers/cli.js';

describe('tnl rubric diff', () => {
  const newRubric = (from: string, to: string) => {
    const dir = copyEditions();
    const file = join(dir, 'rubrics', '2024.yaml');
    const text = readFileSync(file, 'utf8');
    expect(text).toContain(from);
    writeFileSync(file, text.replace(from, to));
    return file;
  };

  it('one weight changed: the exact list of dossiers that change level', async () => {
    const to = newRubric(
      'default: { strategie: 25, pratiques: 15, logiciels: 30, ecosysteme: 15, donnees: 15 }',
      'default: { strategie: 25, pratiques: 15, logiciels: 30, ecosysteme: 15, donnees: 45 }',
    );
    const r = await tnl(['rubric', 'diff', 'fixtures/ds-2024.json', '--from', 'rubrics/2024.yaml', '--to', to, '--format', 'json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      changes: { number: string; from: string; to: string; direction: number }[];
      up: number;
      down: number;
      dossiers: number;
    };
    expect(out.changes.map((c) => [c.number, c.from, c.to])).toEqual([['118646', '4', '5']]);
    expect([out.up, out.down, out.dossiers]).toEqual([1, 0, 24]);
  });

  it('a threshold raised: dossiers go down, --fail-on-change exits 1, codeclimate lists them', async () => {
    const to = newRubric('    min: 58\n', '    min: 66\n');
    const r = await tnl(['rubric', 'diff', 'fixtures/ds-2024.json', '--from', 'rubrics/2024.yaml', '--to', to, '--format', 'codeclimate', '--fail-on-change']);
    expect(r.code).toBe(1);
    const issues = JSON.parse(r.stdout) as { description: string; check_name: string }[];
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.every((i) => i.check_name === 'rubric/level-change')).toBe(true);
    expect(issues.map((i) => i.description).join('\n')).toMatch(/Le dossier 118578 \(Ville et Métropole de Montpellier\) passe du niveau 4 au niveau 3/);
  });

  it('no change: exit 0 even with --fail-on-change', async () => {
    const r = await tnl(['rubric', 'diff', 'fixtures/ds-2024.json', '--from', 'rubrics/2024.yaml', '--to', 'rubrics/2024.yaml', '--fail-on-change']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Aucun des 24 dossiers ne change de niveau/);
  });

  it('--from-rev takes the old rubric from git', async () => {
    const repo = copyEditions();
    const git = (...a: string[]) =>
      execFileSync('git', a, {
        cwd: repo,
        stdio: 'pipe',
        env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@x', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@x' },
      });
    git('init', '-q');
    git('add', '.');
    git('commit', '-qm', 'base');
    const file = join(repo, 'rubrics', '2024.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('    min: 58\n', '    min: 66\n'));
    const r = await tnl(['rubric', 'diff', join(root, 'fixtures', 'ds-2024.json'), '--from-rev', 'HEAD', '--to', file, '--format', 'md']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/## Changement de barème : .*2024\.yaml@HEAD → /);
    expect(r.stdout).toMatch(/\| 118578 \| Ville et Métropole de Montpellier \| c4 \| 4 → \*\*3\*\* \|/);
  });
});

describe('tnl rubric diff with the jury’s grades', () => {
  it('counts the jury’s criteria under both rubrics when --grades is given, and leaves them out otherwise', async () => {
    const dir = tempDir();
    const to = join(dir, '2024.yaml');
    const text = readFileSync(join(root, 'rubrics', '2024.yaml'), 'utf8');
    writeFileSync(to, text.replace(/(id: strategie\.qualite_strategie[\s\S]*?points: )6/, '$130'));
    const base = ['rubric', 'diff', 'fixtures/ds-2024.json', '--from', 'rubrics/2024.yaml', '--to', to, '--questionnaire', 'questionnaires/2024.yaml'];
    expect((await tnl(base)).stdout).toMatch(/Aucun dossier ne voit son total bouger\./);
    // With the grades, the criterion's weight moves the totals (23 of the 24 dossiers).
    expect((await tnl([...base, '--grades', 'fixtures/notes-jury-2024.yaml'])).stdout).toMatch(
      /23 dossiers voient leur total bouger \(écart maximal \+1,9\)\./,
    );
  });
});
