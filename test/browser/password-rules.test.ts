import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Preview } from '../../tools/preview/host.js';
import {
  alertText,
  backToStart,
  expectStage,
  newPasswordField,
  proveByEmail,
  repeatPasswordField,
  stageContainer,
  startBrowserPreview,
  typeNewPassword,
} from '../support/browser-preview.js';
import { demoEarlierPasswordsOf, demoPasswordOf, directoryVerifies } from '../support/browser-directory.js';

const username = 'amira.khan';

async function submitPassword(preview: Preview, password: string): Promise<void> {
  await typeNewPassword(preview.page, password);
  await preview.page.getByRole('button', { name: 'Change password' }).click();
}

/** The refusal the screen shows after a submit, as one piece of text. */
async function refusalText(preview: Preview): Promise<string> {
  await expect.poll(() => alertText(preview.page, 'new_password'), { timeout: 10_000 }).toContain('That password cannot be used');
  return alertText(preview.page, 'new_password');
}

describe('the kiosk refuses passwords that break a rule, saying which rule in words', () => {
  let preview: Preview;
  let startingPassword: string;

  beforeAll(async () => {
    preview = await startBrowserPreview();
    startingPassword = demoPasswordOf(username);
  });
  afterAll(async () => {
    await preview?.close();
  });
  beforeEach(async () => {
    await backToStart(preview);
    await proveByEmail(preview, username);
  });

  const refusals: Array<{ rule: string; password: () => string; words: string }> = [
    { rule: 'is too short', password: () => 'Ab3Quill7', words: 'It is shorter than 12 characters. Make it longer.' },
    { rule: 'has a special character', password: () => 'Quill7Harbour!Lx', words: 'It has a space or a symbol. Use only letters and numbers.' },
    { rule: 'was used before (the starting password)', password: () => startingPassword, words: 'You have used it before. Choose one you have never used.' },
    {
      rule: 'was used before that (a password from the history)',
      password: () => demoEarlierPasswordsOf(username)[0] ?? 'missing-from-the-demo-seed',
      words: 'You have used it before. Choose one you have never used.',
    },
    { rule: 'contains the username', password: () => `Q7${username}Lx`, words: 'It contains your username. Leave your username out.' },
  ];

  for (const { rule, password, words } of refusals) {
    it(`refuses a password that ${rule}, and changes nothing`, async () => {
      await submitPassword(preview, password());
      const text = await refusalText(preview);
      expect(text).toContain(words);
      // The refusal never echoes what was typed.
      expect(text).not.toContain(password());
      expect(await stageContainer(preview.page, 'new_password').isVisible()).toBe(true);
      expect(await directoryVerifies(preview.kiosk, username, startingPassword)).toBe(true);
    });
  }

  it('drops a refusal once the password is edited, so it never describes text that is gone', async () => {
    const { page } = preview;
    await submitPassword(preview, 'Ab3Quill7');
    expect(await refusalText(preview)).toContain('It is shorter than 12 characters.');
    expect(await newPasswordField(page).getAttribute('aria-invalid')).toBe('true');

    await newPasswordField(page).fill('Zr4Kx8Nv2Bq6Hm');
    expect(await alertText(page, 'new_password')).toBe('');
    expect(await newPasswordField(page).getAttribute('aria-invalid')).toBe('false');
    expect(await repeatPasswordField(page).getAttribute('aria-invalid')).toBe('false');
  });

  it('accepts a password that meets every rule', async () => {
    const good = 'Zr4Kx8Nv2Bq6Hm';
    await submitPassword(preview, good);
    await expectStage(preview.page, 'done');
    expect(await directoryVerifies(preview.kiosk, username, good)).toBe(true);
    expect(await directoryVerifies(preview.kiosk, username, startingPassword)).toBe(false);
  });
});
