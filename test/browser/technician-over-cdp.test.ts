import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Preview } from '../../tools/preview/host.js';
import { directoryVerifies } from '../support/browser-directory.js';
import { getHelpTicket } from '../support/browser-help-ticket.js';
import { expectStage, freePort, newPasswordField, repeatPasswordField, startBrowserPreview, startScreen } from '../support/browser-preview.js';
import { lookUpTicket, recordIdCheck, signInAsDemoTechnician, technicianAreaContents, technicianConsole } from '../support/browser-technician.js';

/**
 * The "Done when" for technician mode: a second, independent client attached over the
 * DevTools protocol (as to `npm run preview -- --demo --headless --cdp-port 9333`) does the whole
 * journey with the demo technician: a ticket from a failed attempt, sign-in, lookup, ID check, and
 * the person's assisted reset.
 */
describe('a CDP client does the technician journey with the demo technician', () => {
  let preview: Preview;
  let remote: Browser;
  let page: Page;

  beforeAll(async () => {
    preview = await startBrowserPreview({ cdpPort: await freePort() });
    remote = await chromium.connectOverCDP(preview.cdpUrl as string);
    const found = remote
      .contexts()
      .flatMap((context) => context.pages())
      .find((candidate) => candidate.url() === preview.url);
    expect(found).toBeDefined();
    page = found as Page;
  });
  afterAll(async () => {
    await remote?.close();
    await preview?.close();
  });

  it('ticket, sign-in, lookup, ID check, assisted reset', { timeout: 90_000 }, async () => {
    const ticket = await getHelpTicket(page, 'chloe.martin');
    await page.getByRole('button', { name: 'Finish' }).click();
    await startScreen(page).waitFor();

    await signInAsDemoTechnician(page);
    await lookUpTicket(page, ticket);
    await recordIdCheck(page);
    await page.getByRole('button', { name: 'Assisted reset' }).click();
    await expectStage(page, 'new_password');

    const password = 'Xc7Pw2Lm9Td4Fh';
    await newPasswordField(page).pressSequentially(password);
    await repeatPasswordField(page).pressSequentially(password);
    expect(await technicianAreaContents(page)).not.toContain(password.slice(0, 3));
    await page.getByRole('button', { name: 'Change password' }).click();
    await expectStage(page, 'done');
    expect(await directoryVerifies(preview.kiosk, 'chloe.martin', password)).toBe(true);

    await page.getByRole('button', { name: 'Back to the technician console' }).click();
    await technicianConsole(page).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await startScreen(page).waitFor();
  });
});
