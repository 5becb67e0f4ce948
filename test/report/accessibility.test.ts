/**
 * Every HTML document tnl writes is checked in the real browser with axe-core (WCAG 2.1 A and AA,
 * and best practices): zero violations. Public bodies republish these documents; RGAA applies.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { buildDocument } from '../../src/cli/report.js';
import { loadPress } from '../../src/files/press-file.js';
import { root } from '../helpers/cli.js';
import { browserPath, launchBrowser } from '../helpers/browser.js';
import { minimalPress } from '../helpers/edition.js';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
type Browser = import('puppeteer-core').Browser;
let browser: Browser | undefined;

beforeAll(async () => {
  if (!browserPath) return;
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

/** The violations axe-core finds in a page, as « rule: what » lines. */
async function violations(html: string): Promise<string[]> {
  const page = await browser!.newPage();
  try {
    await page.setRequestInterception(true);
    page.on('request', (r) => void (r.url().startsWith('data:') || r.url() === 'about:blank' ? r.continue() : r.abort()));
    await page.setContent(html, { waitUntil: 'load' });
    await page.addScriptTag({ content: axeSource });
    const result = (await page.evaluate(() =>
      (
        window as unknown as { axe: { run: (d: Document, o: object) => Promise<{ violations: { id: string; help: string; nodes: { html: string }[] }[] }> } }
      ).axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
        // Only violations are read: axe skips the detail of what passed (a third of its time).
        resultTypes: ['violations'],
      }),
    )) as { violations: { id: string; help: string; nodes: { html: string }[] }[] };
    return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes[0]?.html.slice(0, 80)})`);
  } finally {
    await page.close();
  }
}

const press2021 = () => loadPress(minimalPress(2021, '2021-11-23'), 2021);

describe.skipIf(!browserPath)('axe-core on every HTML document (WCAG 2.1 A/AA and best practices)', () => {
  const cases: [string, () => Promise<string>][] = [
    ['communiqué 2024', async () => buildDocument('communique', 'html', { year: 2024, press: loadPress(join(root, 'fixtures', 'press-2024.yaml'), 2024) })],
    ['page de résultats 2024', async () => buildDocument('resultats', 'html', { year: 2024 })],
    [
      'dossier de presse 2024',
      async () => buildDocument('dossier-de-presse', 'html', { year: 2024, press: loadPress(join(root, 'fixtures', 'press-2024.yaml'), 2024) }),
    ],
    ['communiqué 2021 (liste incomplète)', async () => buildDocument('communique', 'html', { year: 2021, press: press2021() })],
    ['page de résultats 2018 (niveaux non publiés)', async () => buildDocument('resultats', 'html', { year: 2018 })],
    [
      'appel à candidatures 2025',
      async () => buildDocument('appel', 'html', { year: 2025, press: loadPress(join(root, 'fixtures', 'appel-2025.yaml'), 2025) }),
    ],
    [
      'dossier de presse 2021 (liste incomplète, sans questionnaire)',
      async () => buildDocument('dossier-de-presse', 'html', { year: 2021, press: press2021() }),
    ],
  ];
  it.each(cases)('%s: no violation, one main, one h1', async (_, make) => {
    const html = await make();
    expect(await violations(html)).toEqual([]);
    expect(html.match(/<main[\s>]/g)).toHaveLength(1);
    expect(html.match(/<h1[\s>]/g)).toHaveLength(1);
  });

  it('the press kit gives the chart and the map their data as tables', async () => {
    const html = await buildDocument('dossier-de-presse', 'html', { year: 2024, press: loadPress(join(root, 'fixtures', 'press-2024.yaml'), 2024) });
    expect(html).toMatch(/<caption>Les données du graphique<\/caption>/);
    expect(html).toMatch(/<th scope="row">2019<\/th><td>31<\/td><td>Niveau 5\u00a0: 1 · niveau non publié\u00a0: 30<\/td>/);
    expect(html).toMatch(/<caption>Les données de la carte\u00a0: lauréats par département<\/caption>/);
    expect(html).toMatch(/<th scope="row">Isère \(38\)<\/th><td>8<\/td>/);
  });
});
