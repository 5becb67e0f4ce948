import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readExport, readExportAsync } from '../../src/files/read-export.js';
import type { Dossier } from '../../src/ingest/dossier.js';
import { plain, root } from '../helpers/cli.js';
import { edition, tempFile } from '../helpers/edition.js';
import { readFileSync } from 'node:fs';

const all = ['en_construction', 'en_instruction', 'accepte', 'refuse', 'sans_suite'] as const;
const read = (f: string) => readExport(join(root, 'fixtures', f), edition(2024).questionnaire, { states: all });

/** What the two formats can both carry: everything but where each value came from and repetition rows. */
function comparable(d: Dossier) {
  const { sources: _s, unavailable: _u, line: _l, ...rest } = d;
  const answers = { ...rest.answers };
  delete answers['ecosysteme.contributions'];
  return { ...rest, answers };
}

describe('the same dossiers as DS CSV and as GraphQL JSON', () => {
  const csv = read('ds-2024.csv');
  const json = read('ds-2024.json');

  it('give identical Dossier[] (repetition rows aside: DS leaves them out of CSV exports)', () => {
    expect(csv.all.length).toBe(27);
    expect(json.all.map(comparable)).toEqual(csv.all.map(comparable));
  });

  it('the CSV marks the repetition block as unavailable, the JSON carries its rows', () => {
    expect(csv.all.every((d) => d.unavailable.includes('ecosysteme.contributions'))).toBe(true);
    expect(json.all.every((d) => d.unavailable.length === 0)).toBe(true);
    const rows = json.all.map((d) => d.answers['ecosysteme.contributions']).filter((a) => a?.kind === 'rows' && a.rows.length > 0);
    expect(rows.length).toBeGreaterThan(5);
    expect(rows[0]).toMatchObject({
      kind: 'rows',
      rows: expect.arrayContaining([expect.objectContaining({ projet: expect.any(String), nature: expect.any(String) })]),
    });
  });

  it('keeps 24 dossiers for scoring and counts the others by state', () => {
    const scored = readExport(join(root, 'fixtures', 'ds-2024.csv'), edition(2024).questionnaire);
    expect(scored.dossiers).toHaveLength(24);
    expect(scored.skipped).toEqual({ en_construction: 1, refuse: 1, sans_suite: 1 });
  });

  it('the spreadsheet re-save (;, Windows-1252, CRLF, decimal commas, dd/mm/yyyy) gives the same answers', () => {
    const excel = read('ds-2024-excel.csv');
    expect(excel.encoding).toBe('windows-1252');
    expect(excel.delimiter).toBe(';');
    expect(excel.all.map((d) => d.answers)).toEqual(csv.all.map((d) => d.answers));
    expect(excel.all.map((d) => d.identity)).toEqual(csv.all.map((d) => d.identity));
    expect(excel.all[0]!.depotAt).toBe(`${csv.all[0]!.depotAt!.slice(0, 16)}:00`);
  });

  it('the export-template CSV (renamed columns, typed values) gives the same scored answers', () => {
    const template = read('ds-2024-modele.csv');
    const scoredTypes = new Set(['yes_no', 'checkbox', 'single_choice', 'multiple_choice', 'integer', 'decimal']);
    const ids = edition(2024)
      .questionnaire.questions.filter((x) => scoredTypes.has(x.type))
      .map((x) => x.id);
    const pickAnswers = (d: Dossier) => Object.fromEntries(ids.filter((id) => d.answers[id]).map((id) => [id, d.answers[id]]));
    expect(template.all.map(pickAnswers)).toEqual(csv.all.map(pickAnswers));
    expect(template.all.map((d) => [d.identity.name, d.identity.kind, d.identity.population, d.identity.code])).toEqual(
      csv.all.map((d) => [d.identity.name, d.identity.kind, d.identity.population, d.identity.code]),
    );
    const viaAlias = template.columns.filter((c) => c.via === 'alias').map((c) => c.header);
    expect(viaAlias).toEqual(
      expect.arrayContaining(['N° dossier', 'Collectivité', 'Population', 'Délibération en faveur du libre', 'Part des postes sous GNU/Linux']),
    );
  });
});

describe('the same dossiers as the DS XLSX export', () => {
  it('give identical answers and identities to the API JSON, repetition rows included (from their own sheet)', async () => {
    const xlsx = await readExportAsync(join(root, 'fixtures', 'ds-2024.xlsx'), edition(2024).questionnaire, { states: all });
    const json = read('ds-2024.json');
    expect(xlsx.format).toBe('xlsx');
    expect(xlsx.all.map((d) => [d.number, d.state])).toEqual(json.all.map((d) => [d.number, d.state]));
    expect(xlsx.all.map((d) => d.identity)).toEqual(json.all.map((d) => d.identity));
    expect(xlsx.all.map((d) => d.answers)).toEqual(
      json.all.map((d) => {
        const answers = { ...d.answers };
        answers['ecosysteme.contributions'] ??= { kind: 'rows', rows: [] };
        return answers;
      }),
    );
    expect(xlsx.all.every((d) => d.unavailable.length === 0)).toBe(true);
  });

  it('an ODS workbook or a damaged XLSX is a clear input error', async () => {
    const { tempFile } = await import('../helpers/edition.js');
    const ods = tempFile(
      'x.ods',
      Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.from('....mimetypeapplication/vnd.oasis.opendocument.spreadsheet')]),
    );
    await expect(readExportAsync(ods, edition(2024).questionnaire)).rejects.toThrow(/classeur ODS : enregistrez-le au format XLSX ou CSV/);
    const broken = tempFile('x.xlsx', Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(200, 7)]));
    await expect(readExportAsync(broken, edition(2024).questionnaire)).rejects.toThrow(/classeur XLSX illisible/);
  });
});

describe('an answer outside the options', () => {
  it('is said in the same words, suggestion included, whether it comes from the CSV or the JSON', () => {
    const mistyped = 'Soutien à l’économie locales';
    const csvText = readFileSync(join(root, 'fixtures', 'ds-2024.csv'), 'utf8').replace("Soutien à l'économie locale", mistyped);
    const jsonText = readFileSync(join(root, 'fixtures', 'ds-2024.json'), 'utf8').replaceAll(`"Soutien à l'économie locale"`, JSON.stringify(mistyped));
    const fromCsv = readExport(tempFile('options.csv', csvText), edition(2024).questionnaire, { states: all });
    const fromJson = readExport(tempFile('options.json', jsonText), edition(2024).questionnaire, { states: all });
    const message = (r: typeof fromCsv) => r.findings.find((f) => f.message.includes('hors des options'))?.message;
    expect(message(fromCsv)).toBeDefined();
    expect(message(fromJson)).toBe(message(fromCsv));
    expect(plain(message(fromCsv)!)).toMatch(/Vouliez-vous dire « Soutien à l'économie locale »/);
  });
});
