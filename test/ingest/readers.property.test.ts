import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readCsvTable } from '../../src/ingest/csv-table.js';
import { decodeText } from '../../src/ingest/decode.js';
import { dossiersFromTable } from '../../src/ingest/ds-csv.js';
import { dossierNodes, dossiersFromJson, parseJsonText } from '../../src/ingest/ds-json.js';
import { InputError } from '../../src/findings/errors.js';
import { indexEdition, scoreDossier } from '../../src/scoring/score.js';
import { edition } from '../helpers/edition.js';
import { BASE } from '../helpers/edition.js';

const qn = edition(2024).questionnaire;
const index = indexEdition(edition(2024));

/** Runs a reader; only located InputErrors may escape, and what it returns can be scored. */
function safely(run: () => { dossiers: { number: string }[]; findings: unknown[] }): void {
  try {
    const r = run();
    expect(Array.isArray(r.findings)).toBe(true);
    for (const d of r.dossiers) scoreDossier(d as Parameters<typeof scoreDossier>[0], index);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).message).toMatch(/\S/);
  }
}

const csvRead = (bytes: Buffer) => safely(() => dossiersFromTable(readCsvTable(decodeText(bytes).text, 'x.csv'), qn, 'x.csv'));
const jsonRead = (text: string) => safely(() => dossiersFromJson(dossierNodes(parseJsonText(text, 'x.json'), 'x.json'), qn, 'x.json'));

describe('readers never crash (fast-check)', () => {
  it('on arbitrary bytes as CSV', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (b) => csvRead(Buffer.from(b))),
      { numRuns: 300 },
    );
  });

  it('on arbitrary text with CSV punctuation', () => {
    const ch = fc.constantFrom(',', ';', '"', '\n', '\r', 'a', 'é', ' ', '0', '\u00a0', '\t', 'Oui');
    fc.assert(
      fc.property(fc.array(ch, { maxLength: 300 }), (cs) => csvRead(Buffer.from(cs.join('')))),
      { numRuns: 300 },
    );
  });

  it('on a real DS header with arbitrary cells', () => {
    const headers = [...BASE.map(([h]) => h), ...qn.questions.slice(0, 30).map((q) => q.label)];
    const cell = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom('', 'Oui', 'Non', 'on', 'off', '0', '-1', '12,5', 'x', '1e9', 'NaN', 'Infinity', '=1+1', '<b>', 'Commune', 'En instruction'),
    );
    const rows = fc.array(fc.array(cell, { minLength: headers.length, maxLength: headers.length }), { maxLength: 5 });
    const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
    fc.assert(
      fc.property(rows, (rs) => csvRead(Buffer.from([headers, ...rs].map((r) => r.map(quote).join(',')).join('\n')))),
      { numRuns: 200 },
    );
  });

  it('on arbitrary JSON values', () => {
    fc.assert(
      fc.property(fc.json({ maxDepth: 4 }), (j) => jsonRead(j)),
      { numRuns: 300 },
    );
  });

  it('on dossiers of the right shape with arbitrary champs', () => {
    const champ = fc.record(
      {
        champDescriptorId: fc.oneof(fc.constantFrom(...qn.questions.map((q) => Buffer.from(`Champ-${q.stableId}`).toString('base64'))), fc.string()),
        label: fc.oneof(fc.constantFrom(...qn.questions.map((q) => q.label)), fc.string()),
        stringValue: fc.oneof(fc.string(), fc.constant(null)),
        selected: fc.oneof(fc.boolean(), fc.constant(null), fc.string()),
        integerNumber: fc.oneof(fc.string(), fc.integer().map(String), fc.constant(null)),
        values: fc.oneof(fc.array(fc.string(), { maxLength: 3 }), fc.constant('x')),
        rows: fc.oneof(
          fc.constant(null),
          fc.array(fc.record({ champs: fc.array(fc.record({ label: fc.string(), stringValue: fc.string() }), { maxLength: 2 }) }), { maxLength: 2 }),
        ),
      },
      { requiredKeys: [] },
    );
    const node = fc.record({
      number: fc.oneof(fc.integer({ min: 1 }), fc.string({ minLength: 1 })),
      state: fc.constantFrom('en_instruction', 'accepte', 'brouillon', 'x'),
      champs: fc.array(champ, { maxLength: 8 }),
    });
    fc.assert(
      fc.property(fc.array(node, { maxLength: 4 }), (nodes) => jsonRead(JSON.stringify({ data: { demarche: { dossiers: { nodes } } } }))),
      { numRuns: 200 },
    );
  });
});
