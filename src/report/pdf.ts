import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

/**
 * Chromium's switches: those puppeteer itself would pass (automation, no background work, tagged
 * PDF), those of a root user on a closed network, headless, and the DevTools pipe.
 */
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
  '--font-render-hinting=none',
  '--allow-pre-commit-input',
  '--disable-background-timer-throttling',
  '--disable-backgrounding-occluded-windows',
  '--disable-breakpad',
  '--disable-client-side-phishing-detection',
  '--disable-component-extensions-with-background-pages',
  '--disable-crash-reporter',
  '--disable-default-apps',
  '--disable-extensions',
  '--disable-hang-monitor',
  '--disable-infobars',
  '--disable-ipc-flooding-protection',
  '--disable-popup-blocking',
  '--disable-prompt-on-repost',
  '--disable-renderer-backgrounding',
  '--disable-search-engine-choice-screen',
  '--enable-automation',
  '--export-tagged-pdf',
  '--force-color-profile=srgb',
  '--generate-pdf-document-outline',
  '--metrics-recording-only',
  '--password-store=basic',
  '--use-mock-keychain',
  '--headless=new',
  '--hide-scrollbars',
  '--mute-audio',
  '--remote-debugging-pipe',
];

type Browser = import('puppeteer-core').Browser;
type BrowserProcess = import('@puppeteer/browsers').Process;

/**
 * A Chromium process being started: spawned at once (by @puppeteer/browsers, the launcher of
 * puppeteer), connected to when the HTML is ready. Starting the browser before building the HTML
 * lets it boot in its own process while this one renders the templates.
 */
export class StartingBrowser {
  constructor(
    private readonly process: BrowserProcess,
    private readonly executablePath: string,
  ) {}

  /** Connects puppeteer over the DevTools pipe; a browser that exits first is an InputError. */
  async connect(): Promise<PdfRenderer> {
    const puppeteer = ((await import('puppeteer-core')) as unknown as { default: typeof import('puppeteer-core') }).default;
    const { 3: write, 4: read } = this.process.nodeProcess.stdio as unknown as [unknown, unknown, unknown, NodeJS.WritableStream, NodeJS.ReadableStream];
    const exited = this.process.hasClosed().then(() => {
      throw new Error('le processus s’est arrêté');
    });
    try {
      const browser = await Promise.race([puppeteer.connect({ transport: pipeTransport(write, read), defaultViewport: null }), exited]);
      return new PdfRenderer(browser, this.process);
    } catch (e) {
      await stop(this.process);
      throw new InputError(`le navigateur ${this.executablePath} n’a pas démarré : ${(e as Error).message.split('\n')[0]}`);
    }
  }

  /** Stops a browser that will not be used (the HTML could not be built). */
  async abort(): Promise<void> {
    await stop(this.process);
  }
}

/**
 * Prints HTML to PDF with the system Chromium: one browser for a whole batch, JavaScript off,
 * every network request blocked (and counted), A4 with page numbers in the footer.
 */
export class PdfRenderer {
  /** Requests the pages tried to make, all refused. */
  blockedRequests: string[] = [];

  constructor(
    private browser: Browser | undefined,
    private readonly process: BrowserProcess,
  ) {}

  /** Spawns Chromium with a throw-away profile, removed when it exits. No browser → NoBrowserError. */
  static async start(env: NodeJS.ProcessEnv = process.env): Promise<StartingBrowser> {
    const executablePath = findBrowser(env);
    if (!executablePath) throw new NoBrowserError();
    const { launch } = await import('@puppeteer/browsers');
    const profile = mkdtempSync(join(tmpdir(), 'tnl-chromium-'));
    const removeProfile = () => rmSync(profile, { recursive: true, force: true });
    try {
      const browserProcess = launch({
        executablePath,
        args: [...ARGS, `--user-data-dir=${profile}`, 'about:blank'],
        pipe: true,
        onExit: async () => {
          removeProfile();
          process.off('exit', removeProfile);
        },
      });
      // Interrupted (Ctrl+C), tnl exits before the browser does: the launcher kills it on exit,
      // and the profile is removed then too.
      process.on('exit', removeProfile);
      return new StartingBrowser(browserProcess, executablePath);
    } catch (e) {
      removeProfile();
      throw new InputError(`le navigateur ${executablePath} n’a pas démarré : ${(e as Error).message.split('\n')[0]}`);
    }
  }

  /** Starts Chromium and waits until it is ready. */
  static async launch(env: NodeJS.ProcessEnv = process.env): Promise<PdfRenderer> {
    return (await PdfRenderer.start(env)).connect();
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

  /** Closes the browser (gracefully, through DevTools), waits for it to exit; its profile goes with it. */
  async close(): Promise<void> {
    const browser = this.browser;
    this.browser = undefined;
    if (browser) {
      try {
        await browser.close();
        // The profile is removed once the process has exited, not before (it writes until the end).
        await Promise.race([this.process.hasClosed(), new Promise((_, reject) => setTimeout(() => reject(new Error('délai dépassé')), 5000).unref())]);
        return;
      } catch {
        // Not closed in time: killed below.
      }
    }
    await stop(this.process);
  }
}

/** Kills the browser and waits for its exit (which removes its profile). */
async function stop(browserProcess: BrowserProcess): Promise<void> {
  try {
    browserProcess.kill();
    await browserProcess.hasClosed();
  } catch {
    // Already gone.
  }
}

/**
 * Chromium's DevTools pipe (`--remote-debugging-pipe`: fd 3 in, fd 4 out), as puppeteer's
 * ConnectionTransport: JSON messages, each ended by a NUL byte.
 */
function pipeTransport(write: NodeJS.WritableStream, read: NodeJS.ReadableStream): import('puppeteer-core').ConnectionTransport {
  // Bytes, not text, until a message is whole: a chunk may end inside a multi-byte character.
  let pending: Buffer[] = [];
  let closed = false;
  let onclose: (() => void) | undefined;
  const transport: import('puppeteer-core').ConnectionTransport = {
    send(message) {
      if (!closed) write.write(`${message}\0`);
    },
    close() {
      closed = true;
    },
    // A browser that dies at once closes the pipe before puppeteer listens: it is told on arrival,
    // or it would wait for an answer until its protocol timeout (minutes).
    get onclose() {
      return onclose;
    },
    set onclose(handler) {
      onclose = handler;
      if (closed && handler) setImmediate(() => handler());
    },
  };
  read.on('data', (chunk: Buffer) => {
    pending.push(chunk);
    if (chunk.indexOf(0) < 0) return;
    const bytes = Buffer.concat(pending);
    let start = 0;
    for (let end = bytes.indexOf(0); end >= 0; end = bytes.indexOf(0, start)) {
      const message = bytes.toString('utf8', start, end);
      // Delivered on a later turn, as puppeteer expects of a transport.
      setImmediate(() => transport.onmessage?.(message));
      start = end + 1;
    }
    pending = start < bytes.length ? [bytes.subarray(start)] : [];
  });
  const end = () => {
    if (closed) return;
    closed = true;
    setImmediate(() => onclose?.());
  };
  read.on('close', end);
  // The pipe may already be closed, before this transport existed (a browser that died at once).
  if ((read as unknown as { destroyed?: boolean }).destroyed || (read as unknown as { readableEnded?: boolean }).readableEnded) end();
  write.on('error', () => undefined);
  read.on('error', () => undefined);
  return transport;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
