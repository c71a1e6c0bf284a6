import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Preview } from '../../tools/preview/host.js';
import {
  backToStart,
  currentPasswordField,
  expectStage,
  freePort,
  mainStage,
  proveByCode,
  stageContainer,
  startBrowserPreview,
  startScreen,
  submitSignIn,
  typeNewPassword,
  withKiosk,
} from '../support/browser-preview.js';
import { demoPasswordOf, directoryIsLocked, directoryVerifies } from '../support/browser-directory.js';

/**
 * The "Done when": a second, independent client attached over the DevTools protocol finishes
 * every journey as a person would, reading each code from the demo inbox panel in the page. What
 * the screens claim is checked against the directory behind the kiosk.
 */
describe('a second, independent client drives the kiosk over the DevTools protocol', () => {
  let preview: Preview;
  let remote: Browser;
  let page: Page;

  beforeAll(async () => {
    // A long done countdown: the Done screen must still be there when its words are read.
    preview = await startBrowserPreview({ cdpPort: await freePort(), adjustConfig: withKiosk({ doneReturnSeconds: 60 }) });
    remote = await chromium.connectOverCDP(preview.cdpUrl as string);
    const pages = remote.contexts().flatMap((context) => context.pages());
    const found = pages.find((candidate) => candidate.url() === preview.url);
    expect(found, `kiosk page among ${pages.map((candidate) => candidate.url()).join(', ')}`).toBeDefined();
    page = found as Page;
  });
  afterAll(async () => {
    await remote?.close();
    await preview?.close();
  });
  beforeEach(async () => {
    await backToStart(preview);
  });

  /** The Done screen's text, once the remote client sees it. */
  async function doneText(): Promise<string> {
    await expectStage(page, 'done');
    return stageContainer(page, 'done').innerText();
  }

  it('resets a password by email (ben.okafor)', async () => {
    await startScreen(page).waitFor();
    await proveByCode(preview, 'ben.okafor', { purpose: 'reset', method: 'email', page });
    await expectStage(page, 'new_password');
    await typeNewPassword(page, 'Jw5Dn9Fy3Ct7Ps');
    await page.getByRole('button', { name: 'Change password' }).click();
    expect(await doneText()).toContain('Your password has been changed.');

    // The remote client's clicks went through the first client's bindings to the one kiosk core.
    expect(await directoryVerifies(preview.kiosk, 'ben.okafor', 'Jw5Dn9Fy3Ct7Ps')).toBe(true);
    expect(await stageContainer(preview.page, 'done').isVisible()).toBe(true);
  });

  it('resets a password by text message (erin.walsh, registered with a phone only)', async () => {
    const { message } = await proveByCode(preview, 'erin.walsh', { purpose: 'reset', method: 'sms', page });
    // The inbox panel labels the message a text, sent to the registered number.
    expect(message).toContain('Text message');
    expect(message).toContain('+447700900456');
    await expectStage(page, 'new_password');
    await typeNewPassword(page, 'Vb6Nc2Xp8Lr4Kd');
    await page.getByRole('button', { name: 'Change password' }).click();
    const done = await doneText();
    expect(done).toContain('Your password has been changed. You can now sign in with your new password.');
    // Registered by mobile only: the notice goes by text.
    expect(done).toContain('We will send a notice of this change to your registered email address or mobile number.');
    expect(await directoryVerifies(preview.kiosk, 'erin.walsh', 'Vb6Nc2Xp8Lr4Kd')).toBe(true);
  });

  it('unlocks an account by email without touching its password (dev.patel)', async () => {
    expect(await directoryIsLocked(preview.kiosk, 'dev.patel')).toBe(true);
    const { message } = await proveByCode(preview, 'dev.patel', { purpose: 'unlock', method: 'email', page });
    expect(message).toContain('Email');
    const done = await doneText();
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toContain('Account unlocked');
    expect(done).toContain('Your account is unlocked. Your password has not changed.');
    expect(done).toContain('We will send a notice of this unlock to your registered email address or mobile number.');
    expect(await stageContainer(page, 'done').getAttribute('data-outcome')).toBe('unlocked');

    expect(await directoryIsLocked(preview.kiosk, 'dev.patel')).toBe(false);
    expect(await directoryVerifies(preview.kiosk, 'dev.patel', demoPasswordOf('dev.patel'))).toBe(true);
  });

  it('unlocks an account by text message (farid.haddad, locked, phone only)', async () => {
    expect(await directoryIsLocked(preview.kiosk, 'farid.haddad')).toBe(true);
    const { message } = await proveByCode(preview, 'farid.haddad', { purpose: 'unlock', method: 'sms', page });
    expect(message).toContain('Text message');
    const done = await doneText();
    expect(done).toContain('Your account is unlocked. Your password has not changed.');
    // Registered by phone only: the notice goes by text.
    expect(done).toContain('We will send a notice of this unlock to your registered email address or mobile number.');

    expect(await directoryIsLocked(preview.kiosk, 'farid.haddad')).toBe(false);
    expect(await directoryVerifies(preview.kiosk, 'farid.haddad', demoPasswordOf('farid.haddad'))).toBe(true);
  });

  it('says an account that was not locked was not locked, after the code, and changes nothing (amira.khan)', async () => {
    await proveByCode(preview, 'amira.khan', { purpose: 'unlock', method: 'email', page });
    const done = await doneText();
    expect(done).toContain('Your account was not locked. Nothing was changed.');
    expect(done).not.toContain('Your account is unlocked');
    expect(done).not.toContain('We will send a notice');
    expect(await stageContainer(page, 'done').getAttribute('data-outcome')).toBe('not_locked');
    expect(await directoryVerifies(preview.kiosk, 'amira.khan', demoPasswordOf('amira.khan'))).toBe(true);
  });

  it('changes a password the person knows (amira.khan), with the same checklist as a reset', async () => {
    await submitSignIn(page, 'amira.khan', demoPasswordOf('amira.khan'));
    await expectStage(page, 'new_password');
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Choose your new password');
    // The current password left the page with the step: no box on this screen still holds it.
    expect(await currentPasswordField(page).count()).toBe(0);
    expect(await page.getByRole('list', { name: 'Password rules' }).isVisible()).toBe(true);

    await typeNewPassword(page, 'Zr4Kx8Nv2Bq6Hm');
    await page.getByRole('button', { name: 'Change password' }).click();
    const done = await doneText();
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toContain('Password changed');
    expect(done).toContain('We will send a notice of this change to your registered email address or mobile number.');

    expect(await directoryVerifies(preview.kiosk, 'amira.khan', 'Zr4Kx8Nv2Bq6Hm')).toBe(true);
    expect(await directoryVerifies(preview.kiosk, 'amira.khan', demoPasswordOf('amira.khan'))).toBe(false);
    expect(await mainStage(preview)).toBe('done');
  });
});
