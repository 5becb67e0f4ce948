import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bin, copyEditions, root, tempDir, tnl } from '../helpers/cli.js';
import { browserPath } from '../helpers/browser.js';

describe('personal data never reach a published document', () => {
  it('communiqué, results page and press kit name the authority and the elected referent, never agents, e-mails or phones', async () => {
    const dir = copyEditions();
    cpSync(join(root, 'results'), join(dir, 'results'), { recursive: true });
    const notes = join(dir, 'notes.json');
    expect((await tnl(['score', 'fixtures/ds-2024.json', '--edition', '2024', '--format', 'json', '--out', notes])).code).toBe(0);
    expect((await tnl(['publish', '--edition', '2024', '--scores', notes, '--decisions', 'fixtures/jury-2024.yaml', '--root', dir, '--force'])).code).toBe(0);
    const published = readFileSync(join(dir, 'results', '2024.yaml'), 'utf8');
    const fixture = readFileSync(join(root, 'fixtures', 'ds-2024.json'), 'utf8');
    const agents = [
      ...new Set(
        [
          ...fixture.matchAll(
            /"stringValue": "((?:Mme|M\.) [A-Za-zé]+ [A-Z]+), (?:DSI|Directrice du numérique|Chef de projet numérique|Responsable informatique)"/g,
          ),
        ].map((m) => m[1]!.split(' ').pop()!),
      ),
    ];
    expect(agents.length).toBeGreaterThan(2);
    const docs = [
      published,
      (await tnl(['report', 'communique', '--edition', '2024', '--press', 'fixtures/press-2024.yaml', '--root', dir])).stdout,
      (await tnl(['report', 'resultats', '--edition', '2024', '--format', 'html', '--root', dir])).stdout,
      (await tnl(['report', 'dossier-de-presse', '--edition', '2024', '--press', 'fixtures/press-2024.yaml', '--format', 'html', '--root', dir])).stdout,
    ];
    for (const doc of docs.slice(0, 3)) expect(doc).toMatch(/Échirolles/);
    for (const doc of docs.map((d) => d.replace(/<style>[\s\S]*?<\/style>/g, '').replace(/ d="[^"]*"/g, ''))) {
      expect(doc).not.toMatch(/@example\.org/);
      expect(doc).not.toMatch(/0\d(?:[ .]?\d{2}){4}|\+33 ?\d/);
      for (const a of agents) expect(doc).not.toContain(a);
    }
    expect(docs[2]).toMatch(/Dossier porté par M\. Aurélien FARGE, Conseiller municipal délégué/);
  });
});

describe('DS_API_TOKEN never appears', () => {
  it('not in a usage error, nor in help', async () => {
    const token = 'tok-Secret-4242';
    const r = await tnl(['fetch', '--demarche', 'abc', '--out', join(tempDir(), 'x.json')], { env: { DS_API_TOKEN: token } });
    expect(r.code).toBe(2);
    expect(r.stdout + r.stderr).not.toContain(token);
    expect((await tnl(['fetch', '--help'], { env: { DS_API_TOKEN: token } })).stdout).not.toContain(token);
  });
});

describe.skipIf(!browserPath)('an interrupted tnl fiches', () => {
  it('leaves no half-written file, and no browser profile behind', async () => {
    const dir = tempDir();
    const tmp = tempDir();
    const child = spawn(process.execPath, [bin, 'fiches', 'fixtures/ds-2024.json', '--edition', '2024', '--out', dir, '--concurrency', '1', '--quiet'], {
      cwd: root,
      env: { ...process.env, NO_COLOR: '1', TMPDIR: tmp },
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? 130 : null))));
    const deadline = Date.now() + 60_000;
    while (readdirSync(dir).filter((f) => f.endsWith('.pdf')).length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    child.kill('SIGINT');
    const code = await exited;
    expect(code).toBe(130);
    const files = readdirSync(dir);
    expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const pdfs = files.filter((f) => f.endsWith('.pdf'));
    expect(pdfs.length).toBeGreaterThanOrEqual(2);
    expect(pdfs.length).toBeLessThan(24);
    for (const f of pdfs) expect(readFileSync(join(dir, f)).subarray(-8).toString('latin1')).toMatch(/%%EOF\s*$/);
    expect(existsSync(dir)).toBe(true);
    expect(readdirSync(tmp).filter((f) => f.startsWith('tnl-chromium-'))).toEqual([]);
  });
});
