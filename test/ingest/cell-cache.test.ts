import { describe, expect, it } from 'vitest';
import { CACHED_CELL, CACHED_VALUES } from '../../src/ingest/ds-csv.js';
import { readCell } from '../../src/ingest/values.js';
import { BASE, edition, readCsvText } from '../helpers/edition.js';

/**
 * The CSV reader remembers the reading of a cell (per column, at most CACHED_VALUES values of at
 * most CACHED_CELL characters): what it buys is in docs/speed.md. Past its limits it must read
 * exactly as without it.
 */
describe('the cell cache of the CSV reader, past its limits', () => {
  const question = edition(2024).questionnaire.questions.find((q) => q.id === 'strategie.budget_libre')!;
  const header = 'Part du budget informatique consacrée au libre (en %)';

  function csv(values: string[]): string {
    const quote = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
    const head = [...BASE.map(([h]) => h), header].map(quote).join(',');
    const rows = values.map((v, i) => [String(200000 + i), ...BASE.slice(1).map(([, x]) => x), v].map(quote).join(','));
    return `${head}\n${rows.join('\n')}\n`;
  }

  it('more distinct values than it holds: every answer (and every problem) as readCell gives it alone', () => {
    const n = CACHED_VALUES + 700;
    // Distinct values, some valid, some out of range or unreadable, and the first ones again at the end.
    const values = Array.from({ length: n }, (_, i) => (i % 97 === 0 ? `${i} pommes` : i % 89 === 0 ? '150' : `${(i % 100) + (i % 7) / 8}`.replace('.', ',')));
    values.push(...values.slice(0, 300));
    const read = readCsvText(csv(values));
    expect(read.all).toHaveLength(values.length);
    read.all.forEach((d, i) => expect(d.answers[question.id], `dossier ${i}`).toEqual(readCell(question, values[i]!).answer));
    // Each unreadable or out-of-range value is reported once per dossier, in readCell's words.
    const expected = values.map((v) => readCell(question, v).problem?.message).filter((m): m is string => m !== undefined);
    expect(expected.length).toBeGreaterThan(40);
    const reported = read.findings.map((f) => f.message);
    for (const m of new Set(expected)) expect(reported.filter((r) => r.includes(m)).length, m).toBe(expected.filter((x) => x === m).length);
  });

  it('a cell longer than it keeps is read each time, the same way', () => {
    const long = `${'1'.repeat(CACHED_CELL + 50)}`;
    const read = readCsvText(csv([long, long, '12,5']));
    expect(read.all.map((d) => d.answers[question.id])).toEqual([
      readCell(question, long).answer,
      readCell(question, long).answer,
      { kind: 'number', value: 12.5 },
    ]);
  });
});
