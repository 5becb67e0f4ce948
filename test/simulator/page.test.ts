/**
 * The self-assessment page (`tnl simulateur`, issue 18) driven in the real browser: the same level
 * and total as `tnl score` for every dossier of the bundled 2024 and 2025 exports, no request at
 * all, axe-core without violation, usable at 320 px, a one-page printed summary, answers kept only
 * on request and exported in a file that `tnl score` reads back to the same result.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { loadEdition } from '../../src/files/edition-files.js';
import { readExport } from '../../src/files/read-export.js';
import { DOSSIER_STATES, type Dossier } from '../../src/ingest/dossier.js';
import { indexEdition, scoreDossier } from '../../src/scoring/score.js';
import type { FormState } from '../../src/simulator/model.js';
import { browserPath, launchBrowser } from '../helpers/browser.js';
import { root, tempDir, tnl } from '../helpers/cli.js';

type Browser = import('puppeteer-core').Browser;
type Page = import('puppeteer-core').Page;

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const dir = tempDir();
const EXPORTS = { 2024: join(root, 'fixtures', 'ds-2024.json'), 2025: join(root, 'fixtures', 'candidatures-2025.csv') } as const;
type Year = keyof typeof EXPORTS;
const pages: Record<string, string> = {};
let browser: Browser | undefined;

beforeAll(async () => {
  for (const year of [2024, 2025] as const) {
    pages[year] = join(dir, `simulateur-${year}.html`);
    expect((await tnl(['simulateur', '--edition', String(year), '--out', pages[year]!])).code).toBe(0);
  }
  pages.sans = join(dir, 'simulateur-2025-sans-bareme.html');
  expect((await tnl(['simulateur', '--edition', '2025', '--sans-bareme', '--out', pages.sans])).code).toBe(0);
  if (!browserPath) return;
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

/** The form as a dossier's answers fill it: what an applicant would type and tick. */
function formOf(d: Dossier): FormState {
  const answers: FormState['answers'] = {};
  for (const [id, a] of Object.entries(d.answers))
    answers[id] =
      a.kind === 'bool'
        ? a.value
          ? 'oui'
          : 'non'
        : a.kind === 'choice'
          ? a.id
          : a.kind === 'choices'
            ? a.ids
            : a.kind === 'number'
              ? String(a.value).replace('.', ',')
              : a.kind === 'rows'
                ? String(a.rows.length)
                : a.kind === 'files'
                  ? String(a.names.length)
                  : a.kind === 'commune'
                    ? a.name
                    : a.value;
  return {
    name: d.identity.name ?? '',
    kind: d.identity.kind ?? '',
    population: d.identity.population === undefined ? '' : String(d.identity.population),
    answers,
  };
}

/** Fills the page's fields (as typing and ticking would leave them), then reads the result it shows. */
async function fill(page: Page, form: FormState): Promise<{ level?: string; total?: string; headline: string }> {
  return page.evaluate((f: FormState) => {
    const set = (id: string, value: string) => {
      (document.getElementById(id) as HTMLInputElement).value = value;
    };
    set('f-name', f.name);
    set('f-kind', f.kind);
    set('f-population', f.population);
    for (const input of document.querySelectorAll<HTMLInputElement>('[data-question]')) {
      const value = f.answers[input.dataset.question!];
      if (input.type === 'checkbox') input.checked = Array.isArray(value) ? value.includes(input.value) : value === 'oui';
      else input.value = typeof value === 'string' ? value : '';
    }
    document.getElementById('simulateur')!.dispatchEvent(new Event('change', { bubbles: true }));
    const result = document.getElementById('resultat')!;
    return { level: result.dataset.level, total: result.dataset.total, headline: document.getElementById('annonce')!.textContent ?? '' };
  }, form);
}

/**
 * A page open on a file, with every request it makes besides its own file (`requests`), and how
 * each ended when it did not get through (`failures`, by URL).
 */
async function open(
  file: string,
  opts: { width?: number; bypassCsp?: boolean } = {},
): Promise<{ page: Page; requests: string[]; responses: string[]; failures: Map<string, string>; errors: string[] }> {
  const page = await browser!.newPage();
  const requests: string[] = [];
  const responses: string[] = [];
  const failures = new Map<string, string>();
  const errors: string[] = [];
  const url = `file://${file}`;
  page.on('request', (r) => void (r.url() !== url && requests.push(r.url())));
  page.on('response', (r) => void (r.url() !== url && responses.push(r.url())));
  page.on('requestfailed', (r) => void failures.set(r.url(), r.failure()?.errorText ?? ''));
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
  if (opts.bypassCsp) await page.setBypassCSP(true);
  await page.setViewport({ width: opts.width ?? 1280, height: 900 });
  await page.goto(url, { waitUntil: 'load' });
  return { page, requests, responses, failures, errors };
}

describe('tnl simulateur: the page as written', () => {
  it('is one self-contained file under 400 KB, French, with its edition, barème and the jury’s word', async () => {
    for (const file of Object.values(pages)) {
      expect(statSync(file).size).toBeLessThan(400 * 1024);
      const html = readFileSync(file, 'utf8');
      expect(html).toMatch(/<html lang="fr">/);
      expect(html).toMatch(/Content-Security-Policy" content="default-src &#39;none&#39;; script-src &#39;sha256-/);
      // Nothing loaded from elsewhere: no external script, style sheet, image or font.
      expect(html).not.toMatch(/<script[^>]+src=|<link |<img |url\(|@import/);
    }
    const html = readFileSync(pages[2025]!, 'utf8');
    const { edition } = loadEdition(2025);
    expect(html).toContain(`barème ${edition.rubricHash.slice(0, 12)}`);
    expect(html).toMatch(/Édition 2025 \(10e édition\)/);
    expect(html).toContain('seul le jury attribue le label');
    // The same inputs give the same bytes.
    const again = join(dir, 'again.html');
    await tnl(['simulateur', '--edition', '2025', '--out', again]);
    expect(readFileSync(again).equals(readFileSync(pages[2025]!))).toBe(true);
  });

  it('refuses an edition it does not know, with a suggestion-free usage error and nothing written', async () => {
    const out = join(dir, 'nope.html');
    const r = await tnl(['simulateur', '--edition', '1999', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/1999/);
    expect(readdirSync(dir)).not.toContain('nope.html');
  });
});

describe.skipIf(!browserPath)('tnl simulateur in Chromium', () => {
  for (const year of [2024, 2025] as Year[])
    it(`gives, for every dossier of the bundled ${year} export, the level and total of tnl score`, async () => {
      const { edition } = loadEdition(year);
      const read = readExport(EXPORTS[year], edition.questionnaire, { states: DOSSIER_STATES });
      const cli = JSON.parse((await tnl(['score', EXPORTS[year], '--edition', String(year), '--format', 'json', '--state', 'tous'])).stdout) as {
        dossiers: { number: string; total: number; proposedLevel: string | null; status?: string }[];
      };
      expect(read.dossiers.length).toBe(cli.dossiers.length);
      expect(read.dossiers.length).toBeGreaterThan(5);
      const { page, requests, errors } = await open(pages[year]!);
      try {
        for (const d of read.dossiers) {
          const expected = cli.dossiers.find((x) => x.number === d.number)!;
          const shown = await fill(page, formOf(d));
          expect({ number: d.number, level: shown.level || null, total: Number(shown.total) }).toEqual({
            number: d.number,
            level: expected.proposedLevel,
            total: expected.total,
          });
          if (expected.proposedLevel) expect(shown.headline).toMatch(/^Estimation\s: /);
          else if (expected.status === 'not_scored') expect(shown.headline).toMatch(/^Pas encore de niveau|^Estimation impossible/);
        }
        expect(requests).toEqual([]);
        expect(errors).toEqual([]);
      } finally {
        await page.close();
      }
    });

  it('makes no request, and its policy blocks one the page would try', async () => {
    const { page, requests, responses, failures } = await open(pages[2025]!);
    try {
      expect(requests).toEqual([]);
      const attempt = await page.evaluate(() =>
        fetch('https://example.org/collect').then(
          () => 'sent',
          () => 'blocked',
        ),
      );
      expect(attempt).toBe('blocked');
      const image = await page.evaluate(
        () =>
          new Promise<string>((resolve) => {
            const img = new Image();
            img.onload = () => resolve('loaded');
            img.onerror = () => resolve('blocked');
            img.src = 'https://example.org/pixel.png';
          }),
      );
      expect(image).toBe('blocked');
      // Chromium notes the image it was asked for, and stops it at the policy: nothing goes out.
      expect(responses).toEqual([]);
      expect(requests.filter((u) => u !== 'https://example.org/pixel.png')).toEqual([]);
      expect(failures.has('https://example.org/collect')).toBe(false);
    } finally {
      await page.close();
    }
  });

  it('passes axe-core (WCAG 2.1 A/AA and best practices) with a result shown, and works at 320 px with the keyboard', async () => {
    const { edition } = loadEdition(2024);
    const [d] = readExport(EXPORTS[2024], edition.questionnaire).dossiers;
    for (const width of [1280, 320]) {
      const { page } = await open(pages[2024]!, { width, bypassCsp: true });
      try {
        await fill(page, formOf(d!));
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
        await page.addScriptTag({ content: axeSource });
        const result = (await page.evaluate(() =>
          (window as unknown as { axe: { run: (d: Document, o: object) => Promise<{ violations: { id: string; nodes: { html: string }[] }[] }> } }).axe.run(
            document,
            { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] }, resultTypes: ['violations'] },
          ),
        )) as { violations: { id: string; nodes: { html: string }[] }[] };
        expect(result.violations.map((v) => `${v.id}: ${v.nodes[0]?.html.slice(0, 100)}`)).toEqual([]);
      } finally {
        await page.close();
      }
    }
    // Keyboard only: Tab reaches the skip link, then the fields in order; the focus is drawn.
    const { page } = await open(pages[2025]!);
    try {
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.className)).toBe('skip');
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-name');
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-kind');
      const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
      expect(outline).not.toBe('none');
      await page.keyboard.press('ArrowDown'); // the first kind: commune
      await page.keyboard.press('Tab');
      await page.keyboard.type('5846');
      expect(await page.$eval('#annonce', (e) => e.getAttribute('aria-live'))).toBe('polite');
      expect(await page.$eval('#annonce', (e) => e.textContent)).toMatch(/^Pas encore de niveau\s: \d+ réponses obligatoires manquent/);
    } finally {
      await page.close();
    }
  });

  it('prints a one-page summary', async () => {
    const { edition } = loadEdition(2024);
    const dossiers = readExport(EXPORTS[2024], edition.questionnaire).dossiers;
    const { page } = await open(pages[2024]!);
    try {
      // The dossier whose summary is longest: the most conditions and changes to list.
      const index = indexEdition(edition);
      const size = (d: Dossier) => {
        const card = scoreDossier(d, index);
        return card.gates.length + (card.next?.changes.length ?? 0) + card.blocked.length;
      };
      const longest = dossiers.reduce((a, b) => (size(b) > size(a) ? b : a));
      await fill(page, formOf(longest));
      const pdf = join(dir, 'resume.pdf');
      writeFileSync(pdf, await page.pdf({ format: 'A4', printBackground: true }));
      const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
      expect(text.split('\f').filter((p) => p.trim())).toHaveLength(1);
      expect(text).toMatch(/Votre estimation/);
      expect(text).not.toMatch(/Exporter mes réponses/);
    } finally {
      await page.close();
    }
  });

  it('keeps answers in the browser only when asked, and forgets them with one button', async () => {
    const { page } = await open(pages[2025]!);
    try {
      await page.select('#f-kind', 'commune');
      await page.type('#f-population', '1200');
      expect(await page.evaluate(() => localStorage.length)).toBe(0);
      await page.click('#f-keep');
      await page.reload({ waitUntil: 'load' });
      expect(await page.$eval('#f-population', (e) => (e as HTMLInputElement).value)).toBe('1200');
      expect(await page.$eval('#f-keep', (e) => (e as HTMLInputElement).checked)).toBe(true);
      await page.click('#b-forget');
      expect(await page.evaluate(() => localStorage.length)).toBe(0);
      expect(await page.$eval('#f-population', (e) => (e as HTMLInputElement).value)).toBe('');
      await page.reload({ waitUntil: 'load' });
      expect(await page.$eval('#f-population', (e) => (e as HTMLInputElement).value)).toBe('');
    } finally {
      await page.close();
    }
  });

  it('exports the answers in a file that tnl score reads back to the same level and total', async () => {
    const { edition } = loadEdition(2025);
    const dossiers = readExport(EXPORTS[2025], edition.questionnaire).dossiers;
    const downloads = tempDir();
    const { page } = await open(pages[2025]!);
    try {
      const session = await page.createCDPSession();
      await session.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads });
      for (const d of dossiers.slice(0, 3)) {
        const shown = await fill(page, formOf(d));
        await page.click('#b-export');
        const file = join(downloads, 'auto-evaluation-tnl-2025.json');
        for (let i = 0; i < 100 && !readdirSync(downloads).includes('auto-evaluation-tnl-2025.json'); i++) await new Promise((r) => setTimeout(r, 50));
        const back = await tnl(['score', file, '--edition', '2025', '--format', 'json']);
        const [scored] = (JSON.parse(back.stdout) as { dossiers: { total: number; proposedLevel: string | null }[] }).dossiers;
        expect({ level: scored!.proposedLevel, total: scored!.total }).toEqual({ level: shown.level || null, total: Number(shown.total) });
        expect(back.stderr).toMatch(/auto-évaluation écrites par la page du simulateur \(édition 2025/);
        execFileSync('rm', [file]);
      }
    } finally {
      await page.close();
    }
  });

  it('without the barème (--sans-bareme): levels and paths, no points nor thresholds', async () => {
    const { edition } = loadEdition(2025);
    const dossiers = readExport(EXPORTS[2025], edition.questionnaire).dossiers;
    const { page } = await open(pages.sans!);
    try {
      let paths = 0;
      for (const d of dossiers) {
        const shown = await fill(page, formOf(d));
        const text = await page.evaluate(() => document.body.innerText);
        expect(shown.headline).toMatch(/^Estimation\s: |^Aucun niveau|^Pas encore de niveau/);
        const lines = text.split('\n').filter((l) => !l.includes('présenté sans points ni seuils'));
        expect(lines.filter((l) => /sur 100|points?\b|seuil|coefficient|\d\s?%/.test(l))).toEqual([]);
        if (/Pour atteindre /.test(text)) paths++;
      }
      expect(paths).toBeGreaterThan(0);
    } finally {
      await page.close();
    }
  });
});
