import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root, tnl } from '../helpers/cli.js';

describe('tnl CLI', () => {
  it('answers --help in French and exits 0', async () => {
    const r = await tnl(['--help']);
    expect(r.code).toBe(0);
    expect(r.rawStdout).toMatch(/^Utilisation\u00a0: tnl \[options\] \[commande\]/);
    expect(r.rawStdout).toMatch(/Commandes\u00a0:/);
    expect(r.stdout).toMatch(/affiche l’aide/);
    expect(r.stdout).not.toMatch(/display help|Usage:/);
  });

  it('answers <commande> --help in French', async () => {
    const r = await tnl(['validate', '--help']);
    expect(r.code).toBe(0);
    r.stdout = r.stdout.replace(/\s+/g, ' ');
    expect(r.stdout).toMatch(/par défaut : "stylish"/);
    expect(r.stdout).toMatch(/valeurs : "stylish", "json", "codeclimate", "github"/);
  });

  it('prints the version of package.json', async () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    const r = await tnl(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
  });

  it('an unknown option is a usage error (exit 2) with a suggestion, in French', async () => {
    const r = await tnl(['validate', '--formt', 'json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/option inconnue « --formt »/);
    expect(r.stderr).toMatch(/--format/);
  });

  it('an invalid choice is a usage error (exit 2)', async () => {
    const r = await tnl(['validate', '--format', 'xml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/valeurs possibles/);
  });

  it('a missing file is an input error (exit 2), without stack trace', async () => {
    const r = await tnl(['validate', 'nulle-part.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nulle-part\.yaml : fichier introuvable/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('a bad year is a usage error', async () => {
    const r = await tnl(['validate', '--edition', '24']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/année d’édition invalide/);
  });

  it('an edition that does not exist is an input error', async () => {
    const r = await tnl(['validate', '--edition', '2019']);
    expect(r.code).toBe(0 + 2);
    expect(r.stderr).toMatch(/fichier introuvable|introuvable/);
  });

  it('colours are off with --no-color even when forced', async () => {
    const r = await tnl(['validate', '--edition', '2024', '--no-color'], { env: { FORCE_COLOR: '1', NO_COLOR: '' } });
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/\u001b\[/);
    const coloured = await tnl(['validate', '--edition', '2024'], { env: { FORCE_COLOR: '1', NO_COLOR: '' } });
    expect(coloured.stdout).toMatch(/\u001b\[/);
  });
});
