import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Preview } from '../../tools/preview/host.js';
import {
  askForEmailCode,
  checklistItems,
  demoMessageCount,
  expectStage,
  enterUsername,
  mainStage,
  newPasswordField,
  newestDemoMessageText,
  readCodeFromDemoInbox,
  repeatPasswordField,
  stageContainer,
  startBrowserPreview,
  startScreen,
  submitCode,
  withKiosk,
} from '../support/browser-preview.js';
import { demoPasswordOf, directoryVerifies } from '../support/browser-directory.js';

const doneReturnSeconds = 4;
const newPassword = 'Tq7Vm2Rk9Lp4Wz';

describe('a person resets their password at the kiosk, from the start screen back to the start screen', () => {
  let preview: Preview;

  beforeAll(async () => {
    preview = await startBrowserPreview({ adjustConfig: withKiosk({ doneReturnSeconds }) });
  });
  afterAll(async () => {
    await preview?.close();
  });

  it('walks amira.khan through the whole reset with the code from the demo inbox', async () => {
    const { page, kiosk } = preview;
    const organisationName = kiosk.config.branding.organisationName;

    // Start screen: the menu, who runs the kiosk, and the promise that no link is ever emailed.
    await startScreen(page).waitFor();
    expect(await page.getByRole('banner').innerText()).toContain(organisationName);
    expect(await stageContainer(page, 'identify').innerText()).toContain(
      'IT Services will never email you a link to change your password.',
    );

    await enterUsername(page, 'amira.khan');
    const before = await demoMessageCount(page);
    await askForEmailCode(page);
    expect(await stageContainer(page, 'code_sent').innerText()).toContain(
      'If this account is registered for reset by email, a code is on its way.',
    );

    // The presenter reads the code in the page's demo inbox, as a person would read their email.
    const code = await readCodeFromDemoInbox(page, before, kiosk.config.codes.length);
    await submitCode(page, code);
    await expectStage(page, 'new_password');

    // Show/hide is one real toggle button that reports its state.
    const toggle = page.getByRole('button', { name: 'Show passwords' });
    expect(await newPasswordField(page).getAttribute('type')).toBe('password');
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    await toggle.click();
    expect(await newPasswordField(page).getAttribute('type')).toBe('text');
    expect(await repeatPasswordField(page).getAttribute('type')).toBe('text');
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    await toggle.click();
    expect(await newPasswordField(page).getAttribute('type')).toBe('password');

    // The checklist starts with every rule "not checked yet" (no tick, no cross) and turns green rule
    // by rule as the password is typed; reuse is judged only when the password is sent.
    const pendingBefore = await page.locator('[data-testid="password-checklist"] li[data-state="pending"]').count();
    expect(pendingBefore).toBeGreaterThan(0);
    expect(await checklistItems(page, false).count()).toBe(0);
    expect(await checklistItems(page, true).count()).toBe(0);
    await newPasswordField(page).fill(newPassword);
    await repeatPasswordField(page).fill(newPassword);
    await expect.poll(() => checklistItems(page, true).count(), { timeout: 5_000 }).toBe(pendingBefore - 1);
    expect(await checklistItems(page, false).count()).toBe(0);

    const inboxBeforeSubmit = await demoMessageCount(page);
    await page.getByRole('button', { name: 'Change password' }).click();
    await expectStage(page, 'done');
    const done = stageContainer(page, 'done');
    expect(await done.innerText()).toContain('Your password has been changed. You can now sign in with your new password.');
    expect(await done.innerText()).toContain('We will send a notice of this change to your registered email address or mobile number.');

    // The notification arrives in the demo inbox: it names no secret and carries no link.
    const notification = await newestDemoMessageText(page, inboxBeforeSubmit);
    expect(notification).not.toContain(newPassword);
    expect(notification).not.toContain(code);
    expect(notification).not.toMatch(/https?:\/\//i);

    // The directory now takes the new password and no longer the old one.
    expect(await directoryVerifies(kiosk, 'amira.khan', newPassword)).toBe(true);
    expect(await directoryVerifies(kiosk, 'amira.khan', demoPasswordOf('amira.khan'))).toBe(false);

    // After the countdown the kiosk is back at the start by itself, in the page and in main.
    await startScreen(page).waitFor({ timeout: (doneReturnSeconds + 5) * 1000 });
    // The menu again, with no journey's screen (and so no username box) left open.
    expect(await page.getByLabel('Username').count()).toBe(0);
    expect(await mainStage(preview)).toBe('identify');
  });
});
