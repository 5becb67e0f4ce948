import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { copyEditions, tnl } from '../helpers/cli.js';

describe('tnl init', () => {
  it('copies the previous edition with the new year and number, and refuses to overwrite', async () => {
    const dir = copyEditions();
    const r = await tnl(['init', '--edition', '2026', '--from', '2025', '--root', dir]);
    expect(r.code).toBe(0);
    const q = readFileSync(join(dir, 'questionnaires', '2026.yaml'), 'utf8');
    expect(q).toMatch(/^edition: 2026$/m);
    expect(q).toMatch(/^number: 11$/m);
    expect(q).toMatch(/^# yaml-language-server: \$schema=/);
    expect(readFileSync(join(dir, 'rubrics', '2026.yaml'), 'utf8')).toMatch(/^edition: 2026$/m);
    expect((await tnl(['validate', '--root', dir, '--edition', '2026'])).code).toBe(0);
    const again = await tnl(['init', '--edition', '2026', '--from', '2025', '--root', dir]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/existe déjà/);
    expect(existsSync(join(dir, 'rubrics', '2026.yaml'))).toBe(true);
  });
});
