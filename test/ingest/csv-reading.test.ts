import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { parseCsv, readCsvTable, sniffLineEnd } from '../../src/ingest/csv-table.js';
import { decodeText, firstUtf8Char } from '../../src/ingest/decode.js';

const lines = (text: string) => readCsvTable(Buffer.from(text), 'x.csv').rows.map((r) => [r.cells[0], r.line]);

describe('the line end told to the parser', () => {
  it('is the break that ends the header line, outside quotes', () => {
    expect(sniffLineEnd('a,b\r\n1,2\r\n')).toBe('\r\n');
    expect(sniffLineEnd('a,b\n1,2\n')).toBe('\n');
    expect(sniffLineEnd('a,b\r1,2\r')).toBe('\r');
    expect(sniffLineEnd('"a\nb",c\r\n1,2\r\n')).toBe('\r\n');
    expect(sniffLineEnd('a,b')).toBeUndefined();
    expect(sniffLineEnd('a,b\r')).toBeUndefined();
  });
  it('reads the same records whatever the line end, a quoted break in the header included', () => {
    for (const end of ['\r\n', '\n', '\r']) {
      const t = readCsvTable(Buffer.from(['"Nom\nlong",b', '1,"x\ny"', '2,z', ''].join(end)), 'x.csv');
      expect(t.headers).toEqual(['Nom\nlong', 'b']);
      expect(t.rows.map((r) => r.cells)).toEqual([
        ['1', 'x\ny'],
        ['2', 'z'],
      ]);
      if (end !== '\r') expect(t.rows.map((r) => r.line)).toEqual([3, 5]);
    }
  });
});

describe('line numbers of CSV records (as an editor counts them)', () => {
  it('counts a \\r\\n inside quotes as one line break, as in a CRLF file', () => {
    expect(lines('a,b\r\n1,"x\r\ny"\r\n2,z\r\n')).toEqual([
      ['1', 2],
      ['2', 4],
    ]);
    expect(lines('a,b\n1,"x\r\ny\nz"\n2,z\n')).toEqual([
      ['1', 2],
      ['2', 5],
    ]);
  });
  it('counts the empty lines skipped before a record', () => {
    expect(lines('\n\na,b\n\n1,"x"\n\n\n2,z')).toEqual([
      ['1', 5],
      ['2', 8],
    ]);
  });
  it('skips a BOM and reads a last record without a line break', () => {
    const t = readCsvTable(Buffer.from('\ufeffID,b\n1,é'), 'x.csv');
    expect(t.headers).toEqual(['ID', 'b']);
    expect(t.rows).toEqual([{ line: 2, cells: ['1', 'é'] }]);
  });
  it('hands records over one at a time, header first', () => {
    const seen: string[] = [];
    const r = parseCsv('h1;h2\n1;2\n3;4\n', 'x.csv', {
      header: (h) => seen.push(`en-tête ${h.join('|')}`),
      row: (line, cells) => seen.push(`${line}:${cells.join('|')}`),
    });
    expect(seen).toEqual(['en-tête h1|h2', '2:1|2', '3:3|4']);
    expect(r).toEqual({ delimiter: ';', rows: 2 });
  });
  it('locates a damaged record at the line where the parser stopped', () => {
    expect(() => lines('a,b\n1,"x\n2,z\n')).toThrow(/guillemet ouvert jamais refermé/);
  });
});

describe('decoding', () => {
  it('reads Windows-1252 punctuation (0x80–0x9F: … € ’ œ), which Node 20’s TextDecoder drops', () => {
    const bytes = iconv.encode('Roundcube, SOGo… 12 € l’œuvre', 'windows-1252');
    expect(decodeText(bytes)).toEqual({ text: 'Roundcube, SOGo… 12 € l’œuvre', encoding: 'windows-1252' });
  });
  it('finds the first character of UTF-8 bytes past a BOM and white space, NBSP included', () => {
    expect(firstUtf8Char(Buffer.from('\ufeff \r\n {"a":1}'))).toBe('{');
    expect(firstUtf8Char(Buffer.from('\u00a0\u202fID,b'))).toBe('I');
    expect(firstUtf8Char(Buffer.from(' \n\t'))).toBe('');
  });
});
