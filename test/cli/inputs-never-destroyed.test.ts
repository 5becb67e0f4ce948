/**
 * Hardening, second round (1): no input is ever destroyed. An output path that is an input (the
 * same file, through a symlink or a hard link) is refused; a device or a FIFO is written in place;
 * fiches of dossiers whose numbers clean to the same name never overwrite each other.
 */
import { describe, expect, it } from 'vitest';
import { copyFileSync, linkSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ficheFileNames } from '../../src/report/fiche.js';
import { writeAtomic } from '../../src/files/atomic-write.js';
import { readInput } from '../../src/files/read-input.js';
import { root, tempDir, tnl } from '../helpers/cli.js';

const fixture = (name: string, dir = tempDir()) => {
  const file = join(dir, name);
  copyFileSync(join(root, 'fixtures', name), file);
  return file;
};

describe('an output that is an input is refused, exit 2, the input untouched', () => {
  const cases: [string, (dir: string) => { args: string[]; input: string }][] = [
    [
      'the export itself',
      (dir) => ({ input: fixture('ds-2024.json', dir), args: ['score', join(dir, 'ds-2024.json'), '--edition', '2024', '--out', join(dir, 'ds-2024.json')] }),
    ],
    [
      'the decisions file',
      (dir) => ({
        input: fixture('jury-2024.yaml', dir),
        args: [
          'score',
          'fixtures/ds-2024.json',
          '--edition',
          '2024',
          '--decisions',
          join(dir, 'jury-2024.yaml'),
          '--format',
          'csv',
          '--out',
          join(dir, 'jury-2024.yaml'),
        ],
      }),
    ],
    [
      'a hard link to the export',
      (dir) => {
        const input = fixture('ds-2024.csv', dir);
        linkSync(input, join(dir, 'lien.csv'));
        return { input, args: ['score', input, '--edition', '2024', '--format', 'csv', '--out', join(dir, 'lien.csv')] };
      },
    ],
    [
      'a symlink to the export, for explain',
      (dir) => {
        const input = fixture('ds-2024.json', dir);
        symlinkSync(input, join(dir, 'lien.md'));
        return { input, args: ['explain', input, '--edition', '2024', '--dossier', '118357', '--out', join(dir, 'lien.md')] };
      },
    ],
    [
      'the press file, for a report',
      (dir) => ({
        input: fixture('press-2024.yaml', dir),
        args: ['report', 'communique', '--edition', '2024', '--press', join(dir, 'press-2024.yaml'), '--out', join(dir, 'press-2024.yaml')],
      }),
    ],
  ];
  it.each(cases)('%s', async (_, make) => {
    const dir = tempDir();
    const { args, input } = make(dir);
    const before = readFileSync(input);
    const r = await tnl(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/refusé : ce fichier est aussi une entrée de la commande/);
    expect(readFileSync(input).equals(before)).toBe(true);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('a device or a FIFO is written in place, never replaced', () => {
  it('--out /dev/null leaves /dev/null a character device', async () => {
    const r = await tnl(['score', 'fixtures/ds-2024.json', '--edition', '2024', '--format', 'csv', '--out', '/dev/null']);
    expect(r.code).toBe(0);
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  it('a symlink to /dev/null stays a symlink; a symlink to a regular file keeps the link and replaces its target', async () => {
    const dir = tempDir();
    symlinkSync('/dev/null', join(dir, 'vers-null'));
    writeAtomic(join(dir, 'vers-null'), 'rien');
    expect(readFileSync('/dev/null', 'utf8')).toBe('');
    writeFileSync(join(dir, 'cible.txt'), 'ancien');
    symlinkSync(join(dir, 'cible.txt'), join(dir, 'lien.txt'));
    writeAtomic(join(dir, 'lien.txt'), 'nouveau');
    expect(readFileSync(join(dir, 'cible.txt'), 'utf8')).toBe('nouveau');
    expect(readdirSync(dir).sort()).toEqual(['cible.txt', 'lien.txt', 'vers-null']);
  });

  it('writeAtomic refuses an input read in this process (in process, through readInput)', async () => {
    const dir = tempDir();
    const file = join(dir, 'entree.csv');
    writeFileSync(file, 'a,b\n');
    readInput(file);
    expect(() => writeAtomic(file, 'x')).toThrow(/aussi une entrée/);
    expect(readFileSync(file, 'utf8')).toBe('a,b\n');
  });

  it('a 244-character file name is written (the temp name stays short)', async () => {
    const dir = tempDir();
    const file = join(dir, `${'a'.repeat(240)}.csv`);
    writeAtomic(file, 'contenu');
    expect(readFileSync(file, 'utf8')).toBe('contenu');
    expect(readdirSync(dir)).toHaveLength(1);
  });
});

describe('fiche names never collide', () => {
  it('12, 1/2, ../12 and 1-2 of the same authority get four different, stable names', async () => {
    const dossiers = ['12', '1/2', '../12', '1-2'].map((number) => ({ number, name: 'Ville de Lyon' }));
    const names = ficheFileNames(dossiers, 'pdf');
    expect(new Set(names).size).toBe(4);
    expect(names[0]).toBe('12-ville-de-lyon.pdf');
    expect(names[1]).toMatch(/^12-[0-9a-f]{8}-ville-de-lyon\.pdf$/);
    expect(ficheFileNames([{ number: '2025-001', name: 'Boé' }], 'md')).toEqual(['2025001-boe.md']);
    expect(ficheFileNames(dossiers, 'pdf')).toEqual(names);
    expect(ficheFileNames([...dossiers].reverse(), 'pdf')).toEqual([...names].reverse());
  });

  it('names that differ only by case are told apart (case-insensitive file systems)', async () => {
    const names = ficheFileNames(
      [
        { number: 'AB1', name: 'X' },
        { number: 'ab1', name: 'x' },
      ],
      'md',
    );
    expect(names[0]!.toLowerCase()).not.toBe(names[1]!.toLowerCase());
  });
});
