import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeAtomic, writePiecesTo } from '../../src/files/atomic-write.js';
import { tempDir } from '../helpers/cli.js';

describe('writeAtomic', () => {
  it('writes pieces exactly as their concatenation: multi-byte text, pieces larger than the buffer, many small ones', () => {
    const dir = tempDir();
    const big = 'é’€😀'.repeat(200_000); // 1 million UTF-16 units, about 2.6 MB of UTF-8
    const pieces = ['{', ...Array.from({ length: 5000 }, (_, i) => `"Ville n°${i} — l’Hay-les-Roses",`), big, 'x'.repeat(400_000), '€', '}\n'];
    const file = join(dir, 'out.json');
    writeAtomic(file, pieces);
    expect(readFileSync(file, 'utf8')).toBe(pieces.join(''));
    writeAtomic(
      file,
      (function* () {
        yield* pieces;
      })(),
    );
    expect(readFileSync(file, 'utf8')).toBe(pieces.join(''));
    expect(readdirSync(dir)).toEqual(['out.json']);
  });

  it('replaces an existing file, and a failed write leaves it untouched with no temp file', () => {
    const dir = tempDir();
    const file = join(dir, 'notes.csv');
    writeFileSync(file, 'ancien');
    writeAtomic(file, 'nouveau');
    expect(readFileSync(file, 'utf8')).toBe('nouveau');
    const failing = (function* () {
      yield 'début';
      throw new Error('rendu interrompu');
    })();
    expect(() => writeAtomic(file, failing)).toThrow();
    expect(readFileSync(file, 'utf8')).toBe('nouveau');
    expect(readdirSync(dir)).toEqual(['notes.csv']);
    expect(existsSync(join(dir, 'notes.csv'))).toBe(true);
  });

  it('sends pieces to a stream in batches that add up to the same text', () => {
    const chunks: string[] = [];
    const pieces = Array.from({ length: 3000 }, (_, i) => `${'ligne '.repeat(100)}${i}\n`);
    writePiecesTo({ write: (s: string) => chunks.push(s) }, pieces);
    expect(chunks.join('')).toBe(pieces.join(''));
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.length).toBeLessThan(pieces.length);
  });
});
