import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Preview } from '../../tools/preview/host.js';
import {
  demoMessageCount,
  expectStage,
  freePort,
  readCodeFromDemoInbox,
  stageContainer,
  startBrowserPreview,
  startScreen,
} from '../support/browser-preview.js';
import { directoryVerifies } from '../support/browser-directory.js';

describe('a second, independent client drives the kiosk over the DevTools protocol', () => {
  let preview: Preview;
  let remote: Browser;

  beforeAll(async () => {
    preview = await startBrowserPreview({ cdpPort: await freePort() });
    remote = await chromium.connectOverCDP(preview.cdpUrl as string);
  });
  afterAll(async () => {
    await remote?.close();
    await preview?.close();
  });

  it('finds the kiosk page and resets a password through it as a person would', async () => {
    const pages = remote.contexts().flatMap((context) => context.pages());
    const page = pages.find((candidate) => candidate.url() === preview.url) as Page;
    expect(page, `kiosk page among ${pages.map((candidate) => candidate.url()).join(', ')}`).toBeDefined();

    await startScreen(page).waitFor();
    await page.getByLabel('Username').fill('ben.okafor');
    await page.getByRole('button', { name: 'Continue' }).click();
    const before = await demoMessageCount(page);
    await page.getByRole('button', { name: 'Email me a code' }).click();
    const code = await readCodeFromDemoInbox(page, before, preview.kiosk.config.codes.length);
    await stageContainer(page, 'code_sent').getByLabel('Code', { exact: true }).fill(code);
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByLabel('New password', { exact: true }).fill('Jw5Dn9Fy3Ct7Ps');
    await page.getByLabel('Type it again', { exact: true }).fill('Jw5Dn9Fy3Ct7Ps');
    await page.getByRole('button', { name: 'Change password' }).click();
    await expectStage(page, 'done');

    // The remote client's clicks went through the first client's bindings to the one kiosk core.
    expect(await directoryVerifies(preview.kiosk, 'ben.okafor', 'Jw5Dn9Fy3Ct7Ps')).toBe(true);
    expect(await stageContainer(preview.page, 'done').isVisible()).toBe(true);
  });
});
