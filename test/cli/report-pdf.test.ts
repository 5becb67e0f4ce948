import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildDocument } from '../../src/cli/report.js';
import { PdfRenderer } from '../../src/report/pdf.js';
import { LAUREATES_2024, press2024 } from '../helpers/press.js';
import { copyEditions, plain, root, tempDir, tnl, tnlProcess } from '../helpers/cli.js';
import { browserPath } from '../helpers/browser.js';

const pdftotext = (file: string) => plain(execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })).replace(/\s+/g, ' ');

const browser = browserPath;

/** The 2024 press kit as a PDF, printed once for the tests that read it. */
let pressKit: Promise<string> | undefined;
const pressKitPdf = (): Promise<string> =>
  (pressKit ??= (async () => {
    const out = join(tempDir(), 'dossier-de-presse-2024.pdf');
    const r = await tnl(['report', 'dossier-de-presse', '--edition', '2024', '--press', 'fixtures/press-2024.yaml', '--format', 'pdf', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    return out;
  })());
describe.skipIf(!browser)('PDF', () => {
  let renderer: PdfRenderer;
  beforeAll(async () => {
    renderer = await PdfRenderer.launch(process.env);
  });
  afterAll(async () => renderer?.close());

  it('the communiqué PDF names every laureate, and leaves nothing in TMPDIR (profile and org.chromium.* files removed)', async () => {
    const out = join(tempDir(), 'communique.pdf');
    const tmp = tempDir();
    const r = await tnl(['report', 'communique', '--edition', '2024', '--press', 'fixtures/press-2024.yaml', '--format', 'pdf', '--out', out], {
      env: { TMPDIR: tmp },
    });
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(tmp)).toEqual([]);
    // A name broken at its hyphen at the end of a line reads whole again.
    const text = pdftotext(out).replace(/-\s+/g, '-');
    for (const name of LAUREATES_2024) expect(text).toContain(name.replace(/'/g, '’').replace('Ville et Métropole', 'Ville et la Métropole'));
    expect(text).toMatch(/Huit labellisés niveau 3/);
    expect(text).toMatch(/Territoire Numérique Libre 2024 1 ?\/ ?1/);
  });

  it('the dossier de presse is a PDF of several pages with figures, volets, map and chart', async () => {
    const out = await pressKitPdf();
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [out], { encoding: 'utf8' }))![1]);
    expect(pages).toBeGreaterThanOrEqual(5);
    const text = pdftotext(out);
    // Figures never below ADULLACT's published ones, each with its year; no internal note.
    expect(text).toMatch(/plus de 70/);
    expect(text).toMatch(/RÉCOMPENSÉS/);
    expect(text).toMatch(/au moins\s+(\S+\s+){0,6}10 millions/);
    expect(text).toMatch(/chiffre publié en 2023/);
    expect(text).toMatch(/chiffre publié en 2022/);
    expect(text).not.toMatch(/archive|Population inconnue|au moins 50\b/);
    // The cover's title, the map's labelled steps and the inset for Paris.
    expect(text).toMatch(/9ème édition du label/);
    expect(text).toMatch(/Lauréats par département/);
    // (pdftotext may drop the space before « à » in the legend; the page shows it.)
    for (const step of [/aucun/, /1 ?à ?2/, /3 ?à ?4/, /5 ?à ?6/, /7 ?à ?8/]) expect(text).toMatch(step);
    expect(text).toMatch(/Paris et petite couronne/);
    // Saint-Joseph (2016) may be in Martinique or La Réunion: never « aucun lauréat » there.
    expect(text).toMatch(/Martinique \(972\) : 0 ou 1 lauréat/);
    expect(text).toMatch(/La Réunion \(974\) : 0 ou 1 lauréat/);
    for (const v of [
      'Stratégie et mutualisation',
      'Bonnes pratiques numériques',
      'Logiciels et systèmes libres',
      'Communication et écosystème',
      'Gestion des données',
    ])
      expect(text).toContain(v);
    expect(text).toMatch(/Guadeloupe \(971\) : 1 lauréat/);
    expect(text).toMatch(/licence CC BY 4\.0/);
    expect(text).toMatch(/Lauréats par niveau et par édition/);
  });

  it('hostile laureate names appear as text, and the page requests nothing', async () => {
    const dir = copyEditions();
    cpSync(join(root, 'results'), join(dir, 'results'), { recursive: true });
    const file = join(dir, 'results', '2024.yaml');
    const text = readFileSync(file, 'utf8')
      .replace('- name: Ville de Meylan', '- name: "<img src=x onerror=alert(1)>"')
      .replace('- name: Ville de Grenoble', '- name: "<link rel=stylesheet href=file:///etc/passwd>"');
    writeFileSync(file, text);
    for (const doc of ['communique', 'dossier-de-presse'] as const) {
      const html = await buildDocument(doc, 'html', { year: 2024, press: press2024(), root: dir });
      expect(html).not.toMatch(/<img src=x|<link rel=stylesheet href=file/);
      const before = renderer.blockedRequests.length;
      const pdf = await renderer.pdf(html);
      expect(renderer.blockedRequests.length - before).toBe(0);
      const out = join(tempDir(), `${doc}.pdf`);
      writeFileSync(out, pdf);
      if (doc === 'communique') {
        const t = pdftotext(out);
        expect(t).toContain('<img src=x onerror=alert(1)>');
        expect(t).toContain('<link rel=stylesheet href=file:///etc/passwd>');
      }
    }
    const md = await buildDocument('communique', 'md', { year: 2024, press: press2024(), root: dir });
    expect(md).toContain('&lt;img src=x onerror=alert(1)&gt;');
    const page = await buildDocument('resultats', 'html', { year: 2024, root: dir });
    expect(page).toContain('&lt;link rel&#x3D;stylesheet href&#x3D;file:///etc/passwd&gt;');
    expect(page).not.toContain('<link rel');
  });

  it('a page that does try to fetch is blocked, and the attempt is counted', async () => {
    const before = renderer.blockedRequests.length;
    await renderer.pdf(
      '<html><head><link rel="stylesheet" href="http://127.0.0.1:9/s.css"></head><body><img src="http://127.0.0.1:9/x.png"><img src="file:///etc/passwd"><p>x</p></body></html>',
    );
    const blocked = renderer.blockedRequests.slice(before);
    expect(blocked).toEqual(expect.arrayContaining(['http://127.0.0.1:9/s.css', 'http://127.0.0.1:9/x.png']));
    expect(blocked.every((u) => !u.startsWith('data:'))).toBe(true);
  });

  it('runs no script', async () => {
    const pdf = await renderer.pdf('<html><body><p id="p">avant</p><script>document.getElementById("p").textContent = "après"</script></body></html>');
    const out = join(tempDir(), 'script.pdf');
    writeFileSync(out, pdf);
    expect(pdftotext(out)).toContain('avant');
    expect(pdftotext(out)).not.toContain('après');
  });
});

describe('without a browser', () => {
  it('says in French how to install one, and still writes the HTML', async () => {
    const out = join(tempDir(), 'communique.pdf');
    const r = await tnl(['report', 'communique', '--edition', '2024', '--press', 'fixtures/press-2024.yaml', '--format', 'pdf', '--out', out], {
      env: { PUPPETEER_EXECUTABLE_PATH: '/nulle/part/chromium' },
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/aucun navigateur Chromium trouvé .* apt-get install chromium .* PUPPETEER_EXECUTABLE_PATH/);
    expect(existsSync(out)).toBe(false);
    expect(readFileSync(out.replace(/\.pdf$/, '.html'), 'utf8')).toMatch(/Huit labellisés niveau 3/);
  });
});

describe('with a browser that does not start', () => {
  // A Chromium that dies at once closed its DevTools pipe before puppeteer listened: tnl used to
  // print the error and then wait minutes for an answer.
  it.each([
    ['report', 'communique', '--edition', '2024', '--press', 'fixtures/press-2024.yaml', '--format', 'pdf'],
    ['fiches', 'fixtures/ds-2024.json', '--edition', '2024', '--quiet'],
  ])('%s says so in French and exits 2 at once', async (...args) => {
    const dir = tempDir();
    const out = args[0] === 'report' ? ['--out', join(dir, 'communique.pdf')] : ['--out', dir];
    const r = tnlProcess([...args, ...out], { env: { PUPPETEER_EXECUTABLE_PATH: '/bin/false' }, timeout: 20_000 });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/le navigateur \/bin\/false n’a pas démarré/);
    expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/);
    expect(readdirSync(dir).filter((f) => f.endsWith('.pdf'))).toEqual([]);
  });
});

describe.skipIf(!browserPath)('the press kit PDF', () => {
  it('has no page number on its cover, numbers every other page, and fills its pages (6 for 2024)', async () => {
    const out = await pressKitPdf();
    const page = (n: number) => plain(execFileSync('pdftotext', ['-f', String(n), '-l', String(n), out, '-'], { encoding: 'utf8' }));
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [out], { encoding: 'utf8' }))![1]);
    expect(pages).toBe(6);
    expect(page(1)).not.toMatch(/\d\s*\/\s*\d/);
    expect(page(2)).toMatch(/2\s*\/\s*6/);
    expect(page(2)).toMatch(/Les lauréats 2024/);
  });
});
