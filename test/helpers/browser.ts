import { findBrowser } from '../../src/report/pdf.js';

/**
 * The Chromium the PDF tests use. A machine without one skips them, except in CI (CI=true), where
 * a missing browser fails the run: the PDF tests are never silently skipped there.
 */
export const browserPath = findBrowser(process.env);
if (!browserPath && process.env.CI) throw new Error('CI: Chromium is required for the PDF tests (apt-get install chromium, or PUPPETEER_EXECUTABLE_PATH)');

/** A Chromium for the tests that drive a page themselves (axe-core, the simulator): the project's launch flags. */
export async function launchBrowser(): Promise<import('puppeteer-core').Browser> {
  const puppeteer = (await import('puppeteer-core')).default;
  return puppeteer.launch({
    executablePath: browserPath!,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}
