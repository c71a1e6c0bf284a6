import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Preview } from '../../tools/preview/host.js';
import {
  askForEmailCode,
  backToStart,
  chooseJourney,
  demoMessageCount,
  enterUsername,
  expectStage,
  readCodeFromDemoInbox,
  startBrowserPreview,
  startScreen,
  submitCode,
  typeNewPassword,
  withKiosk,
} from '../support/browser-preview.js';
import { getHelpTicket } from '../support/browser-help-ticket.js';
import { signInToRegister } from '../support/browser-registration.js';
import { typeWrongCodesUntilBlocked } from '../support/browser-blocked.js';
import { saveScreenshot } from '../support/screenshots.js';
import { lookUpUsername, openTechnicianSignIn, signInAsDemoTechnician } from '../support/browser-technician.js';

/**
 * The README's pictures of every screen, taken by this test on every run so they cannot drift from
 * the kiosk they show (test/support/screenshots.ts masks what varies and writes only what changed).
 */
const screenshotDir = path.resolve('docs/screenshots');

const screenSizes = {
  portrait: { width: 1080, height: 1920 },
  landscape: { width: 1920, height: 1080 },
} as const;
type Orientation = keyof typeof screenSizes;
/** A new password per run through: the second would be refused as used before. */
const newPasswords: Record<Orientation, string> = { portrait: 'Zr4Kx8Nv2Bq6Hm', landscape: 'Pw7Ty3Lc9Dg5Js' };

async function shoot(page: Page, orientation: Orientation, name: string): Promise<string> {
  const file = path.join(screenshotDir, orientation, `${name}.png`);
  await saveScreenshot(page, file);
  return file;
}

describe('screenshots of every screen, for the README', () => {
  let preview: Preview;
  beforeAll(async () => {
    preview = await startBrowserPreview({ adjustConfig: withKiosk({ doneReturnSeconds: 120 }) });
  });
  afterAll(async () => {
    await preview?.close();
  });

  it.each(Object.keys(screenSizes) as Orientation[])('in %s', async (orientation) => {
    const { page, kiosk } = preview;
    await page.setViewportSize(screenSizes[orientation]);
    await backToStart(preview);
    const taken: string[] = [];

    await startScreen(page).waitFor();
    taken.push(await shoot(page, orientation, '01-start'));

    await chooseJourney(page, 'reset');
    await page.getByLabel('Username').fill('amira.khan');
    taken.push(await shoot(page, orientation, '02-username'));
    await page.getByRole('button', { name: 'Continue' }).click();
    await expectStage(page, 'choose_method');
    taken.push(await shoot(page, orientation, '03-choose-method'));

    const before = await demoMessageCount(page);
    await askForEmailCode(page);
    const code = await readCodeFromDemoInbox(page, before, kiosk.config.codes.length);
    taken.push(await shoot(page, orientation, '04-code-sent'));

    await submitCode(page, code);
    await expectStage(page, 'new_password');
    await typeNewPassword(page, 'Zr4Kx8Nv', 'Zr4Kx8Nv');
    taken.push(await shoot(page, orientation, '05-new-password'));

    await typeNewPassword(page, newPasswords[orientation]);
    await page.getByRole('button', { name: 'Change password' }).click();
    await expectStage(page, 'done');
    // The change notice is sent by the background worker: wait for it, or the inbox differs run to run.
    await expect.poll(() => demoMessageCount(page), { timeout: 15_000 }).toBe(before + 2);
    taken.push(await shoot(page, orientation, '06-done'));

    await backToStart(preview);
    await getHelpTicket(page, 'nobody.here');
    taken.push(await shoot(page, orientation, '07-help-ticket'));

    await backToStart(preview);
    await chooseJourney(page, 'change');
    taken.push(await shoot(page, orientation, '08-change-sign-in'));

    await backToStart(preview);
    await signInToRegister(page, 'amira.khan', newPasswords[orientation]);
    taken.push(await shoot(page, orientation, '09-register-methods'));

    await backToStart(preview);
    await openTechnicianSignIn(page);
    taken.push(await shoot(page, orientation, '10-technician-sign-in'));
    await signInAsDemoTechnician(page);
    await lookUpUsername(page, 'amira.khan');
    taken.push(await shoot(page, orientation, '11-technician-person'));
    await page.getByRole('button', { name: 'Sign out' }).click();

    await backToStart(preview);
    await page.locator('button[data-help="reset"]').click();
    await page.locator('[data-screen="help"][data-journey="reset"]').waitFor();
    taken.push(await shoot(page, orientation, '12-how-this-works'));

    await backToStart(preview);
    await enterUsername(page, `nobody.${orientation}`);
    await askForEmailCode(page);
    await typeWrongCodesUntilBlocked(page, { codeLength: kiosk.config.codes.length, limit: kiosk.config.throttle.failedProofs.limit });
    taken.push(await shoot(page, orientation, '13-blocked'));

    expect(taken).toHaveLength(13);
    for (const file of taken) expect(readFileSync(file).subarray(1, 4).toString()).toBe('PNG');
  });
});
