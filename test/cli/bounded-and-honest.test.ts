/**
 * Hardening, second round (3, 6, 8): nothing hangs or explodes on a hostile input; odd JSON is read
 * honestly; ids that are names of Object's prototype behave like any other id.
 */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { zipBoundsProblem } from '../../src/ingest/zip-bounds.js';
import { matchColumns, columnFindings } from '../../src/ingest/columns.js';
import { own } from '../../src/util/own.js';
import { Suggestions } from '../../src/util/suggest.js';
import { copyEditions, plain, root, tempDir, tnl, tnlProcess } from '../helpers/cli.js';
import { edition, tempFile } from '../helpers/edition.js';

/** A ZIP archive with the given parts; `declare` overrides the size a part announces. */
function zip(parts: { name: string; data: Buffer; declare?: number }[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const packed = deflateRawSync(p.data);
    const name = Buffer.from(p.name);
    const size = p.declare ?? p.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(8, 10);
    cd.writeUInt32LE(packed.length, 20);
    cd.writeUInt32LE(size, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    central.push(cd, name);
    offset += 30 + name.length + packed.length;
  }
  const cdBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cdBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cdBytes, end]);
}

describe('an XLSX zip bomb is refused before it inflates', () => {
  it('the bundled workbook passes', async () => {
    expect(zipBoundsProblem(readFileSync(join(root, 'fixtures', 'ds-2024.xlsx')))).toBeUndefined();
  });
  it('a part that announces its true size of 300 MB is refused by the declared total', async () => {
    const bomb = zip([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(1000), declare: 300 * 2 ** 20 }]);
    expect(zipBoundsProblem(bomb)).toMatch(/se décompresse en plus de 256 Mo/);
  });
  it('a part that lies (announces 1 kB, inflates to 20 MB) is caught at the bound', async () => {
    const bomb = zip([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(20 * 2 ** 20, 0x20), declare: 1024 }]);
    expect(zipBoundsProblem(bomb)).toMatch(/piégée/);
  });
  it('through the CLI: exit 2, French, nothing scored', async () => {
    const file = tempFile(
      'bombe.xlsx',
      zip([
        { name: '[Content_Types].xml', data: Buffer.alloc(10) },
        { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(10), declare: 400 * 2 ** 20 },
      ]),
    );
    const r = await tnl(['score', file, '--edition', '2024']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bombe\.xlsx : le classeur se décompresse en plus de 256 Mo/);
    expect(r.stdout).toBe('');
  });
});

describe('inputs that never end', () => {
  it('a FIFO nobody writes to, /dev/zero, a folder: refused at once, exit 2', async () => {
    const dir = tempDir();
    execFileSync('mkfifo', [join(dir, 'tube.csv')]);
    mkdirSync(join(dir, 'dossier.csv'));
    for (const [path, why] of [
      [join(dir, 'tube.csv'), 'tube nommé'],
      ['/dev/zero', 'périphérique'],
      [join(dir, 'dossier.csv'), 'dossier'],
    ] as const) {
      const r = tnlProcess(['score', path, '--edition', '2024'], { timeout: 20_000 });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(why);
    }
    const yaml = tnlProcess(['score', 'fixtures/ds-2024.json', '--edition', '2024', '--decisions', '/dev/zero'], { timeout: 20_000 });
    expect(yaml.code).toBe(2);
    expect(yaml.stderr).toMatch(/\/dev\/zero : ce n’est pas un fichier ordinaire/);
  });
});

describe('a header of 30 000 columns', () => {
  it('is matched (every unknown column reported, suggestions made) without quadratic work', async () => {
    const headers = ['ID', 'État du dossier', ...Array.from({ length: 30_000 }, (_, i) => `Colonne ${i}`), 'Nom de la collectivte'];
    const qn = edition(2024).questionnaire;
    const matches = matchColumns(headers, qn);
    const findings = columnFindings(matches, qn, 'large.csv');
    expect(findings.filter((f) => f.rule === 'ingest/unknown-column')).toHaveLength(30_001);
    expect(plain(findings.find((f) => f.message.includes('Nom de la collectivité'))?.message ?? '')).toMatch(/Vouliez-vous dire « Nom de la collectivte »/);
  });
  it('Suggestions gives the nearest candidate, or none when nothing is close', async () => {
    const s = new Suggestions(['Nombre d’habitants', 'Type de collectivité', 'Département']);
    expect(s.closest("Nombre d'habitant")).toBe('Nombre d’habitants');
    expect(s.closest('tout autre chose')).toBeUndefined();
  });
});

describe('odd JSON exports', () => {
  const api = JSON.parse(readFileSync(join(root, 'fixtures', 'ds-2024.json'), 'utf8')) as {
    data: { demarche: { dossiers: { pageInfo: Record<string, unknown>; nodes: Record<string, unknown>[] } } };
    errors?: unknown[];
  };
  const write = (data: unknown) => tempFile('export.json', JSON.stringify(data));

  it('data with errors (a partial answer): warned as incomplete on stderr; exit 1 with --strict', async () => {
    const file = write({ ...api, errors: [{ message: 'Timeout on champ 4512301' }] });
    const r = await tnl(['score', file, '--edition', '2024']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/export incomplet : la réponse de l’API porte aussi des erreurs \(Timeout on champ 4512301\)/);
    expect((await tnl(['score', file, '--edition', '2024', '--strict'])).code).toBe(1);
  });

  it('a page that announces a next page: warned as incomplete', async () => {
    const copy = structuredClone(api);
    copy.data.demarche.dossiers.pageInfo = { hasNextPage: true, endCursor: 'abc' };
    const r = await tnl(['score', write(copy), '--edition', '2024', '--strict']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/export incomplet : ce fichier est une seule page/);
  });

  it.each([['1e400'], ['-3'], ['12.5'], ['"12a"']])('a dossier number %s is refused, exit 2', async (n) => {
    const copy = structuredClone(api);
    const text = JSON.stringify(copy).replace(/"number":118340\b/, `"number":${n}`);
    expect(text).not.toBe(JSON.stringify(copy));
    const r = await tnl(['score', tempFile('export.json', text), '--edition', '2024']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/numéro de dossier invalide/);
    expect(r.stdout).not.toMatch(/Infinity/);
  });

  it('tnl’s own scores JSON given as an export: one message saying what it is', async () => {
    const r = await tnl(['score', 'test/golden/notes-2024.json', '--edition', '2024']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/c’est un fichier de notes produit par « tnl score --format json »/);
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  });
});

describe('ids named like Object’s prototype', () => {
  it('own() reads only own entries', async () => {
    expect(own({ a: 1 }, 'constructor')).toBeUndefined();
    expect(own({ a: 1 }, 'toString')).toBeUndefined();
    expect(own({ constructor: 3 } as Record<string, number>, 'constructor')).toBe(3);
  });

  it('a stratum and a volet called « constructor » score like any other', async () => {
    const dir = copyEditions();
    const rubric = join(dir, 'rubrics', '2024.yaml');
    const questionnaire = join(dir, 'questionnaires', '2024.yaml');
    const base = await tnl(['score', 'fixtures/ds-2024.json', '--edition', '2024', '--format', 'csv', '--root', dir], { env: { SOURCE_DATE_EPOCH: '1' } });
    writeFileSync(
      rubric,
      readFileSync(rubric, 'utf8')
        .replace(/\bc1\b/g, 'constructor')
        .replace(/\bstrategie\b/g, 'constructor'),
    );
    writeFileSync(questionnaire, readFileSync(questionnaire, 'utf8').replace(/\bstrategie\b/g, 'constructor'));
    expect((await tnl(['validate', '--edition', '2024', '--root', dir])).code).toBe(0);
    const r = await tnl(['score', 'fixtures/ds-2024.json', '--edition', '2024', '--format', 'csv', '--root', dir], { env: { SOURCE_DATE_EPOCH: '1' } });
    expect(r.code).toBe(0);
    const totals = (csv: string) =>
      csv
        .split('\n')
        .slice(1)
        .map((l) => l.split(',').slice(0, 1).concat(l.split(',').slice(-12, -10)).join(','));
    expect(totals(r.stdout)).toEqual(totals(base.stdout));
  });

  it('an unknown stratum « toString » or « constructor » is named, never printed as a function', async () => {
    const dir = copyEditions();
    const rubric = join(dir, 'rubrics', '2024.yaml');
    writeFileSync(rubric, readFileSync(rubric, 'utf8').replace('min_by_stratum: { c1: 37 }', 'min_by_stratum: { constructor: 37, toString: 2 }'));
    const r = await tnl(['validate', '--edition', '2024', '--root', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/strate inconnue « constructor »/);
    expect(r.stdout).toMatch(/strate inconnue « toString »/);
    expect(r.stdout + r.stderr).not.toMatch(/function|native code/);
  });
});
