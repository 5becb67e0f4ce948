/**
 * Hardening, second round (2): every failure is a clean, located French message, never "erreur
 * interne", never a stack trace, never English from a library.
 */
import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseYaml } from '../../src/util/yaml-source.js';
import { bin, copyEditions, root, tempDir, tnl, tnlProcess } from '../helpers/cli.js';

const clean = (stderr: string) => {
  expect(stderr).not.toMatch(/erreur interne|\s{4}at |Error:|TypeError|ReferenceError/);
};

describe('YAML aliases', () => {
  it('one anchor used 500 times is a valid document', async () => {
    const text = `base: &b { yes: 2, no: 0 }\nitems:\n${Array.from({ length: 500 }, () => '  - *b').join('\n')}\n`;
    const { data } = parseYaml(text, 'anchors.yaml');
    expect((data as { items: unknown[] }).items).toHaveLength(500);
  });

  it('an alias expansion that explodes (billion laughs) is refused at the first alias, with its line', async () => {
    let text = 'a: &a [x, x, x, x, x, x, x, x, x, x]\n';
    let prev = 'a';
    for (const n of 'bcdefghij') {
      text += `${n}: &${n} [${Array.from({ length: 10 }, () => `*${prev}`).join(', ')}]\n`;
      prev = n;
    }
    expect(() => parseYaml(text, 'rires.yaml')).toThrow(/alias/);
    try {
      parseYaml(text, 'rires.yaml');
    } catch (e) {
      expect((e as { located(): string }).located()).toMatch(/^rires\.yaml:2:\d+ : YAML refusé/);
    }
  });

  it('the CLI says it located, exit 2', async () => {
    const dir = copyEditions();
    const file = join(dir, 'rubrics', '2024.yaml');
    let bomb = 'x0: &x0 [a, a, a, a, a, a, a, a, a, a]\n';
    for (let i = 1; i < 9; i++) bomb += `x${i}: &x${i} [${Array.from({ length: 10 }, () => `*x${i - 1}`).join(', ')}]\n`;
    writeFileSync(file, readFileSync(file, 'utf8') + bomb);
    const r = await tnl(['score', 'fixtures/ds-2024.json', '--edition', '2024', '--root', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/rubrics\/2024\.yaml:\d+:\d+ : YAML refusé/);
    clean(r.stderr);
  });
});

describe('tnl init', () => {
  it('from an edition with a YAML error: located message, exit 2, nothing written', async () => {
    const dir = copyEditions();
    const file = join(dir, 'rubrics', '2025.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('decimals: 1', 'decimals: [1'));
    const r = await tnl(['init', '--edition', '2026', '--from', '2025', '--root', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/rubrics\/2025\.yaml:\d+:\d+ : YAML invalide/);
    clean(r.stderr);
    expect(existsSync(join(dir, 'questionnaires', '2026.yaml'))).toBe(false);
    expect(existsSync(join(dir, 'rubrics', '2026.yaml'))).toBe(false);
  });
});

describe('where a folder is needed', () => {
  it('--out below an existing file, or a fiches folder that is a file: French, exit 2', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'notes.csv'), 'x');
    const below = await tnl(['score', 'fixtures/ds-2024.json', '--edition', '2024', '--out', join(dir, 'notes.csv', 'a.csv')]);
    expect(below.code).toBe(2);
    expect(below.stderr).toMatch(/création du dossier impossible : « .*notes\.csv » est un fichier, pas un dossier/);
    const fiches = await tnl(['fiches', 'fixtures/ds-2024.json', '--edition', '2024', '--format', 'md', '--out', join(dir, 'notes.csv')]);
    expect(fiches.code).toBe(2);
    expect(fiches.stderr).toMatch(/est un fichier, pas un dossier/);
    const isDir = await tnl(['score', 'fixtures/ds-2024.json', '--edition', '2024', '--out', dir]);
    expect(isDir.code).toBe(2);
    expect(isDir.stderr).toMatch(/c’est un dossier : un nom de fichier est attendu/);
    for (const r of [below, fiches, isDir]) clean(r.stderr);
    expect(readFileSync(join(dir, 'notes.csv'), 'utf8')).toBe('x');
  });
});

describe('standard output and a full disk', () => {
  it('stdout closed early (| head) ends quietly with exit 0', async () => {
    const child = spawn(process.execPath, [bin, 'history', '--format', 'csv'], { cwd: root, env: { ...process.env, NO_COLOR: '1' } });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect([0, 141]).toContain(code);
    expect(stderr).toBe('');
  });

  it('--out /dev/full and > /dev/full: « plus de place sur le disque », exit 2', async () => {
    const out = await tnl(['score', 'fixtures/ds-2024.json', '--edition', '2024', '--out', '/dev/full']);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/\/dev\/full : écriture impossible : plus de place sur le disque \(ENOSPC\)/);
    clean(out.stderr);
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${bin}" score fixtures/ds-2024.json --edition 2024 > /dev/full`], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/sortie standard : écriture impossible : plus de place sur le disque/);
  });
});

describe('malformed scores given to publish', () => {
  const publish = async (content: string) => {
    const dir = copyEditions();
    const file = join(dir, 'notes.json');
    writeFileSync(file, content);
    return { r: await tnl(['publish', '--edition', '2024', '--scores', file, '--root', dir]), dir };
  };
  const provenance = { edition: 2024 };
  it.each([
    ['[null]', '[null]', /ce n’est pas un fichier de notes/],
    ['a null dossier', JSON.stringify({ provenance, dossiers: [null] }), /dossiers\[0\] : un dossier \(objet\) est attendu, pas null/],
    [
      'a number as name',
      JSON.stringify({
        provenance,
        dossiers: [
          { number: '1', name: 42, kind: 'commune', population: 10, departement: null, code: null, proposedLevel: '1', finalLevel: '1', mentions: [] },
        ],
      }),
      /dossiers\[0\]\.name : un nom \(texte non vide\) est attendu, pas 42/,
    ],
    [
      'mentions that are no list',
      JSON.stringify({
        provenance,
        dossiers: [
          { number: '1', name: 'A', kind: 'commune', population: 10, departement: null, code: null, proposedLevel: '1', finalLevel: '1', mentions: 'x' },
        ],
      }),
      /dossiers\[0\]\.mentions : une liste de mentions/,
    ],
  ])('%s: exit 2, located, nothing written', async (_, content, message) => {
    const { r, dir } = await publish(content);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    clean(r.stderr);
    expect(existsSync(join(dir, 'results', '2024.yaml'))).toBe(false);
  });
});

describe('a browser that cannot be used', () => {
  it('a browser path that is not executable: French message naming the variable, exit 2, no stack', async () => {
    const dir = tempDir();
    const fake = join(dir, 'chromium');
    writeFileSync(fake, 'pas un programme');
    chmodSync(fake, 0o644);
    const r = await tnl(['report', 'communique', '--edition', '2024', '--press', 'fixtures/press-2024.yaml', '--format', 'pdf', '--out', join(dir, 'c.pdf')], {
      env: { PUPPETEER_EXECUTABLE_PATH: fake },
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/PUPPETEER_EXECUTABLE_PATH désigne un fichier qui n’est pas exécutable/);
    clean(r.stderr);
    expect(r.stderr.split('\n').length).toBeLessThan(5);
  });

  it.each([
    ['sleeps', '#!/bin/sh\nexec sleep 300\n'],
    ['reads its DevTools pipe and never answers', '#!/bin/sh\nexec cat <&3 >/dev/null\n'],
    ['prints and never answers', '#!/bin/sh\necho "DevTools listening on ws://127.0.0.1:9222/devtools/browser/x" >&2\nexec sleep 300\n'],
  ])('a browser that starts and %s: stopped after TNL_BROWSER_LAUNCH_TIMEOUT, whatever the print deadline, no profile left', async (_, script) => {
    const dir = tempDir();
    const tmp = tempDir();
    const fake = join(dir, 'muet');
    writeFileSync(fake, script);
    chmodSync(fake, 0o755);
    const started = Date.now();
    const r = tnlProcess(['report', 'communique', '--edition', '2024', '--press', 'fixtures/press-2024.yaml', '--format', 'pdf', '--out', join(dir, 'c.pdf')], {
      env: { PUPPETEER_EXECUTABLE_PATH: fake, TNL_BROWSER_LAUNCH_TIMEOUT: '1', TNL_BROWSER_TIMEOUT: '3600', TMPDIR: tmp },
      timeout: 20_000,
    });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/le navigateur .*muet n’a pas démarré : pas de réponse après 1 s \(délai réglable par TNL_BROWSER_LAUNCH_TIMEOUT, en secondes\)/);
    clean(r.stderr);
    expect(existsSync(join(dir, 'c.pdf'))).toBe(false);
    expect(readdirSync(tmp)).toEqual([]);
  });

  it.each([
    ['TNL_BROWSER_LAUNCH_TIMEOUT', '0'],
    ['TNL_BROWSER_LAUNCH_TIMEOUT', 'trente'],
    ['TNL_BROWSER_TIMEOUT', '-5'],
  ])('%s=%s: a French message naming the variable, exit 2', async (variable, value) => {
    const dir = tempDir();
    const r = await tnl(['report', 'communique', '--edition', '2024', '--press', 'fixtures/press-2024.yaml', '--format', 'pdf', '--out', join(dir, 'c.pdf')], {
      env: { [variable]: value },
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${variable} attend un nombre de secondes entre 1 et 3600, pas « ${value} »`);
    expect(existsSync(join(dir, 'c.pdf'))).toBe(false);
  });
});

describe('cache entries', () => {
  it('an entry edited by hand (every threshold at 0) is ignored: the levels do not move', async () => {
    const cache = tempDir();
    const env = { TNL_CACHE_DIR: cache, SOURCE_DATE_EPOCH: '1733788800' };
    const first = await tnl(['score', 'fixtures/ds-2024.json', '--edition', '2024', '--format', 'json'], { env });
    const [entry] = readdirSync(join(cache, 'editions'));
    const file = join(cache, 'editions', entry!);
    const original = readFileSync(file, 'utf8');
    const forged = original.replace(/"min":\d+/g, '"min":0').replace(/"minByStratum":\{[^}]*\}/g, '"minByStratum":{}');
    expect(forged).not.toBe(original);
    writeFileSync(file, forged);
    const again = await tnl(['score', 'fixtures/ds-2024.json', '--edition', '2024', '--format', 'json'], { env });
    expect(again.code).toBe(0);
    expect(again.rawStdout).toBe(first.rawStdout);
  });

  it('an entry of the wrong shape, or a symlink in its place, is ignored', async () => {
    const cache = tempDir();
    const env = { TNL_CACHE_DIR: cache, SOURCE_DATE_EPOCH: '1733788800' };
    const first = await tnl(['score', 'fixtures/ds-2024.json', '--edition', '2024', '--format', 'json'], { env });
    const [entry] = readdirSync(join(cache, 'editions'));
    const file = join(cache, 'editions', entry!);
    writeFileSync(file, '{"seal":"0000","value":[null]}');
    expect((await tnl(['score', 'fixtures/ds-2024.json', '--edition', '2024', '--format', 'json'], { env })).rawStdout).toBe(first.rawStdout);
    copyFileSync(join(root, 'package.json'), join(cache, 'autre.json'));
    rmSync(file);
    symlinkSync(join(cache, 'autre.json'), file);
    const r = await tnl(['score', 'fixtures/ds-2024.json', '--edition', '2024', '--format', 'json'], { env });
    expect(r.code).toBe(0);
    expect(r.rawStdout).toBe(first.rawStdout);
  });
});

describe('an empty option value', () => {
  it.each([['--out'], ['--repetitions'], ['--decisions']])('%s "" is a usage error, never standard output', async (option) => {
    const r = await tnl(['score', 'fixtures/ds-2024.json', '--edition', '2024', option, '']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`${option} est vide`));
    expect(r.stdout).toBe('');
  });
});
