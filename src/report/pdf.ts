import { existsSync } from 'node:fs';
import { InputError } from '../findings/errors.js';

/** Where a Chromium may be: the environment first, then the usual paths. */
export function findBrowser(env: NodeJS.ProcessEnv = process.env): string | undefined {
  // A path given explicitly is the only one tried: a mistake there must not go unnoticed.
  const explicit = env.PUPPETEER_EXECUTABLE_PATH || env.CHROME_PATH;
  if (explicit) return existsSync(explicit) ? explicit : undefined;
  const candidates = [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/lib/chromium/chromium',
    '/usr/bin/google-chrome-stable',
    '/usr/bin/google-chrome',
    '/snap/bin/chromium',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  ];
  return candidates.find((c) => c && existsSync(c));
}

export class NoBrowserError extends InputError {
  constructor() {
    super(
      'aucun navigateur Chromium trouvé pour produire le PDF. Installez-le (Debian/Ubuntu : « sudo apt-get install chromium ») ou indiquez son chemin dans la variable PUPPETEER_EXECUTABLE_PATH (ou CHROME_PATH).',
    );
  }
}

const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage', '--font-render-hinting=none'];

type Browser = import('puppeteer-core').Browser;

/**
 * Prints HTML to PDF with the system Chromium: one browser for a whole batch, JavaScript off,
 * every network request blocked (and counted), A4 with page numbers in the footer.
 */
export class PdfRenderer {
  private browser?: Browser;
  /** Requests the pages tried to make, all refused. */
  blockedRequests: string[] = [];

  static async launch(env: NodeJS.ProcessEnv = process.env): Promise<PdfRenderer> {
    const executablePath = findBrowser(env);
    if (!executablePath) throw new NoBrowserError();
    const puppeteer = ((await import('puppeteer-core')) as unknown as { default: typeof import('puppeteer-core') }).default;
    const r = new PdfRenderer();
    try {
      r.browser = await puppeteer.launch({ executablePath, headless: true, args: ARGS, pipe: true });
    } catch (e) {
      throw new InputError(`le navigateur ${executablePath} n’a pas démarré : ${(e as Error).message.split('\n')[0]}`);
    }
    return r;
  }

  async pdf(html: string, opts: { title?: string; footer?: string } = {}): Promise<Uint8Array> {
    const page = await this.browser!.newPage();
    try {
      await page.setJavaScriptEnabled(false);
      await page.setRequestInterception(true);
      page.on('request', (req) => {
        const url = req.url();
        if (url.startsWith('data:')) return void req.continue();
        this.blockedRequests.push(url);
        void req.abort('blockedbyclient');
      });
      await page.setContent(html, { waitUntil: 'load', timeout: 60_000 });
      const footer = `<div style="font-family:sans-serif;font-size:8px;color:#666;width:100%;padding:0 14mm;display:flex;justify-content:space-between"><span>${escapeHtml(opts.footer ?? '')}</span><span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>`;
      return await page.pdf({
        format: 'A4',
        printBackground: true,
        displayHeaderFooter: true,
        headerTemplate: '<div></div>',
        footerTemplate: footer,
        margin: { top: '16mm', bottom: '18mm', left: '14mm', right: '14mm' },
        preferCSSPageSize: false,
      });
    } finally {
      await page.close();
    }
  }

  async close(): Promise<void> {
    await this.browser?.close();
    this.browser = undefined;
  }
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
