import { findBrowser } from '../../src/report/pdf.js';

/**
 * The Chromium the PDF tests use. A machine without one skips them, except in CI (CI=true), where
 * a missing browser fails the run: the PDF tests are never silently skipped there.
 */
export const browserPath = findBrowser(process.env);
if (!browserPath && process.env.CI) throw new Error('CI: Chromium is required for the PDF tests (apt-get install chromium, or PUPPETEER_EXECUTABLE_PATH)');
