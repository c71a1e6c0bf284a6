import { browserLine, pickBrowser } from '../../tools/browser/pick-browser.js';

/**
 * vitest globalSetup: says once per test run which Chromium the browser tests drive, and unpacks the
 * bundled one (if that is the choice) before any worker needs it. A machine without any Chromium still
 * runs the other tests: the browser tests then fail with the same words.
 */
export default async function sayWhichBrowser(): Promise<void> {
  try {
    console.log(`\n${browserLine(await pickBrowser())}\n`);
  } catch (error) {
    console.log(`\nBrowser tests cannot run: ${error instanceof Error ? error.message : String(error)}\n`);
  }
}
