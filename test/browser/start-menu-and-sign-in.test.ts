import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Preview } from '../../tools/preview/host.js';
import {
  alertText,
  backToStart,
  chooseJourney,
  currentPasswordField,
  expectStage,
  journeyButton,
  mainStage,
  stageContainer,
  startBrowserPreview,
  startScreen,
  submitSignIn,
} from '../support/browser-preview.js';
import { fileKeyProtector } from '../../electron/core/keys/file-key-protector.js';
import { demoPasswordOf, directoryIsLocked, directoryVerifies, disableAccount } from '../support/browser-directory.js';

const signInFailedWords =
  'That username and password do not match. Please check both and try again. If you have forgotten your password, go back and choose "Forgot your password?".';

/** Waits for the sign-in screen's answer and returns what the screen says, as text. */
async function signInAnswer(page: Page): Promise<{ alert: string; screen: string }> {
  await expect.poll(() => alertText(page, 'identify'), { timeout: 10_000 }).not.toBe('');
  return { alert: await alertText(page, 'identify'), screen: await stageContainer(page, 'identify').innerText() };
}

describe('the start menu, and "Change your password" refusals', () => {
  let preview: Preview;

  beforeAll(async () => {
    preview = await startBrowserPreview();
  });
  afterAll(async () => {
    await preview?.close();
  });
  beforeEach(async () => {
    await backToStart(preview);
  });

  it('offers each journey as one large button, registration included', async () => {
    const { page } = preview;
    for (const purpose of ['reset', 'unlock', 'change', 'register'] as const) {
      const box = await journeyButton(page, purpose).boundingBox();
      // A whole finger's worth, and more: each choice is a large target.
      expect(box?.height, purpose).toBeGreaterThanOrEqual(64);
      expect(box?.width, purpose).toBeGreaterThanOrEqual(300);
    }
    expect(await stageContainer(page, 'identify').innerText()).toContain('IT Services will never email you a link to change your password.');
  });

  it('asks for the current password before registration, and sends those who forgot it to the Service Desk', async () => {
    const { page, kiosk } = preview;
    const desk = kiosk.config.branding.serviceDesk;
    await chooseJourney(page, 'register');
    const screen = stageContainer(page, 'identify');
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Set up password reset and sign-in methods');
    expect(await currentPasswordField(page).count()).toBe(1);
    expect(await screen.innerText()).toContain(
      `Forgotten your password and not set up yet? This kiosk cannot set up methods without your current password. Please visit the ${desk.name}:`,
    );
    for (const detail of [desk.location, desk.phone, desk.email]) expect(await screen.innerText()).toContain(detail);

    // A wrong password gets the same words as on "Change your password", and nothing is registered.
    await page.getByLabel('Username').fill('chloe.martin');
    await currentPasswordField(page).fill('Wq3nVb8zHt5kLx');
    await page.getByRole('button', { name: 'Continue' }).click();
    expect((await signInAnswer(page)).alert).toBe(signInFailedWords);
    expect(await mainStage(preview)).toBe('identify');
  });

  it('keeps the choice in the page until the first call, and "Back" returns to the menu with nothing kept', async () => {
    const { page } = preview;
    await chooseJourney(page, 'unlock');
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Account locked?');
    expect(await stageContainer(page, 'identify').innerText()).toContain('Your password will not change.');
    expect(await mainStage(preview)).toBe('identify');

    await page.getByLabel('Username').fill('dev.patel');
    await page.getByRole('button', { name: 'Back to the choices' }).click();
    await startScreen(page).waitFor();
    await chooseJourney(page, 'reset');
    expect(await page.getByLabel('Username').inputValue()).toBe('');
    expect(await mainStage(preview)).toBe('identify');
  });

  it('can be used with the keyboard alone', async () => {
    const { page } = preview;
    // The heading has focus on arrival; the journeys come next in order.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { textContent: string } } }).document.activeElement.textContent)).toContain(
      'Forgot your password?',
    );
    // Then that journey's "How this works", then the next journey.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { getAttribute(name: string): string | null } } }).document.activeElement.getAttribute('data-help'))).toBe(
      'reset',
    );
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Account locked?', level: 1 }).waitFor();
    await page.keyboard.press('Tab');
    await page.keyboard.type('farid.haddad');
    await page.keyboard.press('Enter');
    await expectStage(page, 'choose_method');
    expect(await stageContainer(page, 'choose_method').getAttribute('data-purpose')).toBe('unlock');
    // Both ways of sending are offered, whoever typed the name.
    expect(await page.getByRole('button', { name: 'Email me a code' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Text me a code' }).count()).toBe(1);
  });

  it('refuses a wrong current password with exactly the words an unknown username gets, and changes nothing', async () => {
    const { page, kiosk } = preview;
    await submitSignIn(page, 'amira.khan', 'Wq3nVb8zHt5kLx');
    const wrongPassword = await signInAnswer(page);
    expect(wrongPassword.alert).toBe(signInFailedWords);
    // The password box is empty again; the name stays for a second try.
    expect(await currentPasswordField(page).inputValue()).toBe('');
    expect(await page.getByLabel('Username').inputValue()).toBe('amira.khan');

    await backToStart(preview);
    await submitSignIn(page, 'no.such.person', 'Wq3nVb8zHt5kLx');
    const unknownName = await signInAnswer(page);

    // A locked account with a wrong password is not told about the lock either.
    await backToStart(preview);
    await submitSignIn(page, 'dev.patel', 'Wq3nVb8zHt5kLx');
    const lockedWrongPassword = await signInAnswer(page);

    expect(unknownName).toEqual(wrongPassword);
    expect(lockedWrongPassword).toEqual(wrongPassword);
    expect(await mainStage(preview)).toBe('identify');
    expect(await directoryVerifies(kiosk, 'amira.khan', demoPasswordOf('amira.khan'))).toBe(true);
  });

  it('tells someone who typed the right password that the account is locked, and starts "Account locked?" for them', async () => {
    const { page, kiosk } = preview;
    await submitSignIn(page, 'dev.patel', demoPasswordOf('dev.patel'));
    const { alert } = await signInAnswer(page);
    expect(alert).toContain('your account is locked');
    expect(alert).toContain('"Account locked?"');
    expect(await currentPasswordField(page).inputValue()).toBe('');

    await page.getByRole('button', { name: 'Unlock my account' }).click();
    await expectStage(page, 'choose_method');
    expect(await stageContainer(page, 'choose_method').getAttribute('data-purpose')).toBe('unlock');
    expect(await mainStage(preview)).toBe('choose_method');
    expect(await directoryIsLocked(kiosk, 'dev.patel')).toBe(true);
  });

  // Last: it switches a demo account off for the rest of this file.
  it('sends someone whose account is disabled to the Service Desk, after the right password only', async () => {
    const { page, kiosk } = preview;
    await disableAccount(kiosk, 'chloe.martin');
    await submitSignIn(page, 'chloe.martin', demoPasswordOf('chloe.martin'));
    const { alert, screen } = await signInAnswer(page);
    expect(alert).toBe(
      `Your password is right, but your account is disabled. Its password cannot be changed here. Please visit the ${kiosk.config.branding.serviceDesk.name}.`,
    );
    expect(screen).toContain(kiosk.config.branding.serviceDesk.phone);
    expect(await page.getByRole('button', { name: 'Unlock my account' }).count()).toBe(0);

    await backToStart(preview);
    await submitSignIn(page, 'chloe.martin', 'Fz6hTk2wNq8jBx');
    expect((await signInAnswer(page)).alert).toBe(signInFailedWords);
  });
});

describe('the start menu where authenticator secrets cannot be kept safely', () => {
  let preview: Preview;

  beforeAll(async () => {
    // What Electron's safeStorage reports on a Linux without a keyring (basic_text).
    preview = await startBrowserPreview({
      keyProtector: { ...fileKeyProtector, backend: 'basic_text', refusal: 'this computer has no keyring for Electron safeStorage' },
    });
  });
  afterAll(async () => {
    await preview?.close();
  });

  it('says in words that registration is not available here, with the Service Desk\'s details, and offers no button for it', async () => {
    const { page, kiosk } = preview;
    const desk = kiosk.config.branding.serviceDesk;
    const menu = stageContainer(page, 'identify');
    expect(await menu.innerText()).toContain('Set up password reset and sign-in methods');
    expect(await menu.innerText()).toContain(
      `Not available at this kiosk. To set up your personal email address, mobile number or authenticator app, please visit the ${desk.name}:`,
    );
    for (const detail of [desk.location, desk.phone, desk.email]) expect(await menu.innerText()).toContain(detail);
    // A control that led nowhere would mislead.
    expect(await page.getByRole('button', { name: /Set up password reset/ }).count()).toBe(0);
    for (const purpose of ['reset', 'unlock', 'change'] as const) expect(await journeyButton(page, purpose).count()).toBe(1);
  });
});
