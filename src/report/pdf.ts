import { accessSync, constants, existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { onInterrupt } from '../files/interrupt.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../findings/errors.js';
import type { Env } from '../util/env.js';

/** Where a Chromium may be: the environment first, then the usual paths. */
export function findBrowser(env: Env): string | undefined {
  // A path given explicitly is the only one tried: a mistake there must not go unnoticed.
  const explicit = env.PUPPETEER_EXECUTABLE_PATH || env.CHROME_PATH;
  if (explicit) {
    if (!existsSync(explicit)) return undefined;
    const variable = env.PUPPETEER_EXECUTABLE_PATH ? 'PUPPETEER_EXECUTABLE_PATH' : 'CHROME_PATH';
    if (!statSync(explicit).isFile()) throw new InputError(`${variable} ne désigne pas un programme (c’est un dossier ou un fichier spécial)`, explicit);
    try {
      accessSync(explicit, constants.X_OK);
    } catch {
      throw new InputError(`${variable} désigne un fichier qui n’est pas exécutable (chmod +x, ou le chemin du vrai navigateur)`, explicit);
    }
    return explicit;
  }
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

/** A deadline of the browser, in seconds, from its variable: between 1 and 3600. */
function secondsFrom(env: Env, variable: 'TNL_BROWSER_TIMEOUT' | 'TNL_BROWSER_LAUNCH_TIMEOUT', fallback: number): number {
  const raw = env[variable];
  if (raw === undefined || raw === '') return fallback * 1000;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 3600)
    throw new InputError(`${variable} attend un nombre de secondes entre 1 et 3600, pas « ${raw} »`);
  return seconds * 1000;
}

/**
 * How long the browser may take to start and answer its first message, in ms:
 * TNL_BROWSER_LAUNCH_TIMEOUT, 30 s by default (puppeteer's own launch timeout). A Chromium that
 * starts and never answers is stopped then, with a message, whatever the print deadline.
 */
export const browserLaunchTimeoutMs = (env: Env): number => secondsFrom(env, 'TNL_BROWSER_LAUNCH_TIMEOUT', 30);

/**
 * How long the browser may take for each request once started, in ms: TNL_BROWSER_TIMEOUT, 60 s
 * by default (a page has twice that to be printed). A browser that stops answering ends the
 * command with a message after that time, never a wait of minutes.
 */
export const browserTimeoutMs = (env: Env): number => secondsFrom(env, 'TNL_BROWSER_TIMEOUT', 60);

/** A promise that fails with a French message after `ms`, naming the variable that sets it. */
function deadline(ms: number, what: string, variable: string): { promise: Promise<never>; clear: () => void } {
  let timer: NodeJS.Timeout | undefined;
  const promise = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new InputError(`${what} : pas de réponse après ${Math.round(ms / 1000)} s (délai réglable par ${variable}, en secondes)`)),
      ms,
    );
    timer.unref();
  });
  return { promise, clear: () => clearTimeout(timer) };
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
    private readonly launchTimeoutMs: number,
    private readonly timeoutMs: number,
  ) {}

  /** Connects puppeteer over the DevTools pipe; a browser that exits first is an InputError. */
  async connect(): Promise<PdfRenderer> {
    const puppeteer = ((await import('puppeteer-core')) as unknown as { default: typeof import('puppeteer-core') }).default;
    const { 3: write, 4: read } = this.process.nodeProcess.stdio as unknown as [unknown, unknown, unknown, NodeJS.WritableStream, NodeJS.ReadableStream];
    const exited = this.process.hasClosed().then(() => {
      throw new InputError(`le navigateur ${this.executablePath} n’a pas démarré : le processus s’est arrêté aussitôt`);
    });
    const limit = deadline(this.launchTimeoutMs, `le navigateur ${this.executablePath} n’a pas démarré`, 'TNL_BROWSER_LAUNCH_TIMEOUT');
    try {
      const browser = await Promise.race([
        puppeteer.connect({ transport: pipeTransport(write, read), defaultViewport: null, protocolTimeout: this.timeoutMs }),
        exited,
        limit.promise,
      ]);
      return new PdfRenderer(browser, this.process, this.timeoutMs);
    } catch (e) {
      await stop(this.process);
      if (e instanceof InputError) throw e;
      if (process.env.TNL_DEBUG) process.stderr.write(`${(e as Error).stack}\n`);
      throw new InputError(`le navigateur ${this.executablePath} n’a pas démarré : il s’est arrêté aussitôt ou ne parle pas le protocole de Chromium`);
    } finally {
      limit.clear();
    }
  }

  /** Stops a browser that will not be used (the HTML could not be built). */
  async abort(): Promise<void> {
    await stop(this.process);
  }
}

export interface PrintOptions {
  title?: string;
  footer?: string;
  /** The page's own @page rules give the margins and the footer (its margin boxes). */
  cssPages?: boolean;
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
    private readonly timeoutMs: number,
  ) {}

  /** Spawns Chromium with a throw-away profile, removed when it exits. No browser → NoBrowserError. */
  static async start(env: Env): Promise<StartingBrowser> {
    // The deadlines are read first: a bad value is said even on a machine without a browser.
    const timeoutMs = browserTimeoutMs(env);
    const launchTimeoutMs = browserLaunchTimeoutMs(env);
    const executablePath = findBrowser(env);
    if (!executablePath) throw new NoBrowserError();
    const { launch } = await import('@puppeteer/browsers');
    const profile = mkdtempSync(join(env.TMPDIR || tmpdir(), 'tnl-chromium-'));
    // Chromium's own temp files (org.chromium.Chromium.*) go inside the profile, removed with it.
    const temp = join(profile, 'tmp');
    mkdirSync(temp);
    const removeProfile = () => rmSync(profile, { recursive: true, force: true });
    const forget = onInterrupt(removeProfile);
    try {
      const browserProcess = launch({
        executablePath,
        args: [...ARGS, `--user-data-dir=${profile}`, 'about:blank'],
        pipe: true,
        env: { ...env, TMPDIR: temp, TMP: temp, TEMP: temp },
        onExit: async () => {
          removeProfile();
          forget();
          process.off('exit', removeProfile);
        },
      });
      // A spawn that fails (not executable after all) is reported by connect(), never as a crash.
      browserProcess.nodeProcess.on('error', () => undefined);
      // Interrupted (Ctrl+C), tnl exits before the browser does: the launcher kills it on exit,
      // and the profile is removed then too.
      process.on('exit', removeProfile);
      return new StartingBrowser(browserProcess, executablePath, launchTimeoutMs, timeoutMs);
    } catch (e) {
      removeProfile();
      forget();
      throw new InputError(`le navigateur ${executablePath} n’a pas démarré (${(e as NodeJS.ErrnoException).code ?? 'lancement impossible'})`);
    }
  }

  /** Starts Chromium and waits until it is ready. */
  static async launch(env: Env): Promise<PdfRenderer> {
    return (await PdfRenderer.start(env)).connect();
  }

  async pdf(html: string, opts: PrintOptions = {}): Promise<Uint8Array> {
    const limit = deadline(this.timeoutMs * 2, 'le navigateur n’a pas imprimé le PDF', 'TNL_BROWSER_TIMEOUT');
    try {
      return await Promise.race([this.print(html, opts), limit.promise]);
    } catch (e) {
      if (e instanceof InputError) throw e;
      if (process.env.TNL_DEBUG) process.stderr.write(`${(e as Error).stack}\n`);
      throw new InputError('le navigateur n’a pas imprimé le PDF : il s’est arrêté ou a refusé la page (TNL_DEBUG=1 pour le détail)');
    } finally {
      limit.clear();
    }
  }

  private async print(html: string, opts: PrintOptions): Promise<Uint8Array> {
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
      await page.setContent(html, { waitUntil: 'load', timeout: this.timeoutMs });
      const footer = `<div style="font-family:sans-serif;font-size:8px;color:#666;width:100%;padding:0 14mm;display:flex;justify-content:space-between"><span>${escapeHtml(opts.footer ?? '')}</span><span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>`;
      // A document with its own @page rules draws its footer in the page's margin boxes (a cover
      // without page number); the others get the footer of the print settings.
      if (opts.cssPages) return await page.pdf({ format: 'A4', printBackground: true, displayHeaderFooter: false, preferCSSPageSize: true });
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
