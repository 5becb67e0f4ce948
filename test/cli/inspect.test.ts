import { describe, expect, it } from 'vitest';
import { openSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir, tnl } from '../helpers/cli.js';
import { BASE_HEADERS, BASE_VALUES, oneDossierCsv, tempFile } from '../helpers/edition.js';

const inspect = (file: string, ...more: string[]) => tnl(['inspect', file, '--edition', '2024', ...more]);
const noStack = (s: string) => expect(s).not.toMatch(/\n\s+at |Error:/);

describe('tnl inspect on bad input: a French message with its place, the right exit code, no stack trace', () => {
  it('an empty file → exit 2', async () => {
    const r = await inspect(tempFile('vide.csv', ''));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/vide\.csv : fichier vide/);
    noStack(r.stderr);
  });

  it('a binary file → exit 2', async () => {
    const r = await inspect(tempFile('export.pdf', Buffer.from([0x25, 0x50, 0x44, 0x46, 0, 0, 0x08, 0, 0x21, 0, 0xff, 0xfe, 0x00, 0x01])));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/export\.pdf : fichier binaire/);
    noStack(r.stderr);
  });

  it('a damaged XLSX workbook → exit 2', async () => {
    const r = await inspect(tempFile('export.xlsx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0x08, 0, 0x21, 0, 0xff, 0xfe, 0x00, 0x01])));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/export\.xlsx : classeur XLSX illisible/);
    noStack(r.stderr);
  });

  it('a CSV without a required column → exit 1 with the closest column', async () => {
    const csv = oneDossierCsv({ 'Quelle suite bureautique est installée ?': 'Une suite libre uniquement (LibreOffice)' }, ',', [
      'Quelle suite bureautique est installée sur les postes ?',
    ]);
    const r = await inspect(tempFile('export.csv', csv));
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /aucune colonne pour la question obligatoire « logiciels\.bureautique » .* Vouliez-vous dire « Quelle suite bureautique est installée \? »/,
    );
    noStack(r.stderr);
  });

  it('truncated JSON → exit 2 with its line', async () => {
    const r = await inspect(
      tempFile('api.json', '{"data": {"demarche": {"dossiers": {"nodes": [\n  {"number": 1, "state": "accepte",\n   "champs": [{"label": "x"'),
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/api\.json:3(:\d+)? : JSON invalide : le fichier s’arrête au milieu/);
    noStack(r.stderr);
  });

  it('JSON of the wrong shape → exit 2', async () => {
    const r = await inspect(tempFile('autre.json', '{"hello": [1, 2]}'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/autre\.json : JSON inattendu/);
  });

  it('unbalanced quotes → exit 2 with the line', async () => {
    const csv = `${BASE_HEADERS.join(',')}\n${BASE_VALUES.join(',')}\n118341,"a@example.org,En instruction,x\n`;
    const r = await inspect(tempFile('quotes.csv', csv));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/quotes\.csv:\d+ : CSV invalide : guillemet ouvert jamais refermé/);
    noStack(r.stderr);
  });

  it('a 50 MB file with one huge field → exit 2, said plainly', async () => {
    const file = join(tempDir(), 'enorme.csv');
    const fd = openSync(file, 'w');
    writeSync(fd, `${BASE_HEADERS.join(',')},Quels sont les freins et difficultés rencontrés ?\n${BASE_VALUES.join(',')},"`);
    const chunk = 'x'.repeat(1024 * 1024);
    for (let i = 0; i < 50; i++) writeSync(fd, chunk);
    writeSync(fd, '"\n');
    closeSync(fd);
    const r = await inspect(file);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/enorme\.csv:2 : CSV invalide : enregistrement de plus de 16 Mo/);
    noStack(r.stderr);
  });

  it('duplicate dossier numbers → exit 1 naming the dossier and both lines', async () => {
    const csv = `${BASE_HEADERS.join(',')}\n${BASE_VALUES.join(',')}\n${BASE_VALUES.join(',')}\n`;
    const r = await inspect(tempFile('double.csv', csv), '--format', 'json');
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { findings: { dossier?: string; line?: number; message: string }[] };
    expect(out.findings).toContainEqual(
      expect.objectContaining({ dossier: '118340', line: 3, message: expect.stringMatching(/dossier 118340 en double \(déjà ligne 2\)/) }),
    );
  });

  it('a population that is not a positive integer → exit 1 with dossier and column', async () => {
    const r = await inspect(tempFile('pop.csv', oneDossierCsv({}).replace(',18770', ',-12')), '--format', 'json');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/population « -12 » invalide/);
    expect(JSON.parse(r.stdout).findings).toContainEqual(expect.objectContaining({ dossier: '118340', field: "Nombre d'habitants" }));
  });

  it('--strict turns a warning into an error', async () => {
    const csv = oneDossierCsv({ 'Code INSEE ou SIREN de la collectivité': '3822' }).replace(',38229,', ',3822,');
    expect((await inspect(tempFile('code.csv', csv))).code).toBe(0);
    expect((await inspect(tempFile('code.csv', csv), '--strict')).code).toBe(1);
  });

  it('an unknown --state is a usage error', async () => {
    const r = await inspect(tempFile('x.csv', oneDossierCsv({})), '--state', 'valide');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/état inconnu « valide »/);
  });
});

describe('tnl inspect on the fixtures lists every column and what it matched', () => {
  it.each(['ds-2024.csv', 'ds-2024-modele.csv', 'ds-2024-excel.csv', 'ds-2024.json', 'ds-2024.xlsx'])('%s', async (f) => {
    const r = await tnl(['inspect', `fixtures/${f}`, '--edition', '2024', '--format', 'json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { columns: { header: string; kind: string }[]; dossiers: { read: number; kept: number } };
    expect(out.dossiers).toMatchObject({ read: 27, kept: 24 });
    expect(out.columns.every((c) => c.header !== undefined && c.kind)).toBe(true);
    expect(out.columns.filter((c) => c.kind === 'question').length).toBeGreaterThan(35);
    const table = await tnl(['inspect', `fixtures/${f}`, '--edition', '2024']);
    for (const c of out.columns) expect(table.stdout).toContain(c.header.replace(/\s+/g, ' ').replace(/[\u00a0\u202f]/g, ' '));
  });
});
