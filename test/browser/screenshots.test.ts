import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Preview } from '../../tools/preview/host.js';
import {
  askForEmailCode,
  backToStart,
  chooseJourney,
  demoMessageCount,
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
import { lookUpUsername, openTechnicianSignIn, signInAsDemoTechnician } from '../support/browser-technician.js';

/**
 * The README's pictures of every screen, taken by this test on every run so they cannot drift from
 * the kiosk they show. What changes from run to run (codes, times, countdowns) is masked, so an
 * unchanged screen gives the same file and git sees no change.
 */
const screenshotDir = path.resolve('docs/screenshots');

const screenSizes = {
  portrait: { width: 1080, height: 1920 },
  landscape: { width: 1920, height: 1080 },
} as const;
type Orientation = keyof typeof screenSizes;
/** A new password per run through: the second would be refused as used before. */
const newPasswords: Record<Orientation, string> = { portrait: 'Zr4Kx8Nv2Bq6Hm', landscape: 'Pw7Ty3Lc9Dg5Js' };

const varying = (page: Page) => [
  page.locator('.demo-messages'),
  page.locator('.countdown'),
  page.locator('time'),
  page.getByTestId('ticket-code'),
  page.getByTestId('ticket-valid-until'),
  // Times and dates in a technician's view of a person (when the password was last changed).
  page.locator('dd').filter({ hasText: /\d{1,2}:\d{2}|\b20\d\d\b/ }),
];

async function shoot(page: Page, orientation: Orientation, name: string): Promise<string> {
  const file = path.join(screenshotDir, orientation, `${name}.png`);
  mkdirSync(path.dirname(file), { recursive: true });
  // Fonts and images first: a half-loaded screen would make a different picture each run.
  await page.evaluate('document.fonts.ready.then(() => undefined)');
  // A focused field's caret and ring can be caught mid-blink; the pictures show screens at rest.
  await page.evaluate('document.activeElement?.blur()');
  const picture = await page.screenshot({ fullPage: false, animations: 'disabled', caret: 'hide', mask: varying(page), maskColor: '#d0d4da' });
  // Written only when it differs: an unchanged screen leaves the committed file untouched.
  if (!existsSync(file) || !readFileSync(file).equals(picture)) writeFileSync(file, picture);
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

    expect(taken).toHaveLength(11);
    for (const file of taken) expect(readFileSync(file).subarray(1, 4).toString()).toBe('PNG');
  });
});
