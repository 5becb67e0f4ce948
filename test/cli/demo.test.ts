import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir, tnl } from '../helpers/cli.js';

describe('npm start (tnl demo)', () => {
  it('validates, scores the example export and writes its outputs, even without a browser', async () => {
    const out = tempDir();
    const r = await tnl(['demo', '--out', out], { env: { PUPPETEER_EXECUTABLE_PATH: '/nulle/part/chromium' } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Vérification de l’édition 2024/);
    expect(r.stdout).toMatch(/Par niveau final — 1 : 0 · 2 : 0 · 3 : 8 · 4 : 12 · 5 : 4/);
    for (const f of [
      'notes-2024.md',
      'notes-2024.csv',
      'notes-2024.json',
      'explication-118357.md',
      'communique-2024.md',
      'communique-2024.html',
      'resultats-2024.html',
      'dossier-de-presse-2024.html',
      'simulateur-2025.html',
    ])
      expect(existsSync(join(out, f)), f).toBe(true);
    expect(r.stderr).toMatch(/PDF non produit — aucun navigateur Chromium trouvé/);
    expect(JSON.parse(readFileSync(join(out, 'notes-2024.json'), 'utf8')).dossiers).toHaveLength(24);
    expect(readFileSync(join(out, 'simulateur-2025.html'), 'utf8')).toMatch(/<title>Simulateur du label Territoire Numérique Libre 2025<\/title>/);
    expect(r.stderr).toMatch(/simulateur-2025\.html écrit \(\d+ ko, édition 2025\)/);
  });
});
