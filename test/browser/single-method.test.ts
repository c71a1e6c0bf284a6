import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileKeyProtector } from '../../electron/core/keys/file-key-protector.js';
import type { Preview } from '../../tools/preview/host.js';
import {
  backToStart,
  chooseJourney,
  demoMessageCount,
  expectStage,
  readCodeFromDemoInbox,
  stageContainer,
  startBrowserPreview,
  submitCode,
} from '../support/browser-preview.js';
import { kioskScreenSizeNames, kioskScreenSizes } from '../support/screen-sizes.js';

/**
 * Issue 12, item 4: with one method offered (no text provider, no safe place for app secrets: email
 * only), there is nothing to choose, so the start goes straight to the code screen, for any name alike.
 */
describe('one method offered: no chooser', () => {
  let preview: Preview;

  beforeAll(async () => {
    preview = await startBrowserPreview({
      adjustConfig: (config) => ({ ...config, sms: { provider: 'none', defaultRegion: config.sms.defaultRegion } }),
      keyProtector: { ...fileKeyProtector, backend: 'basic_text', refusal: 'this computer has no keyring for Electron safeStorage' },
    });
  });
  afterAll(async () => {
    await preview?.close();
  });

  it.each(kioskScreenSizeNames)('at %s: from the username straight to the emailed code, and on to a new password', async (size) => {
    const { page, kiosk } = preview;
    await page.setViewportSize(kioskScreenSizes[size]);
    const codeScreenFor = async (username: string) => {
      await backToStart(preview);
      await chooseJourney(page, 'reset');
      await page.getByLabel('Username').fill(username);
      await page.getByRole('button', { name: 'Continue' }).click();
      await expectStage(page, 'code_sent');
      return stageContainer(page, 'code_sent');
    };
    // An unknown name reaches the very same screen.
    const shape = async (screen: Awaited<ReturnType<typeof codeScreenFor>>) => ({
      heading: await screen.getByRole('heading', { level: 1 }).innerText(),
      method: await screen.getAttribute('data-method'),
      buttons: await screen.getByRole('button').allInnerTexts(),
    });
    const unknown = await shape(await codeScreenFor(`nobody.${size}`));
    const screen = await codeScreenFor('amira.khan');
    expect(await shape(screen)).toEqual(unknown);
    expect(await screen.getAttribute('data-method')).toBe('email');
    expect(await page.getByTestId('stage-choose_method').count()).toBe(0);
    const code = await readCodeFromDemoInbox(page, Math.max(0, (await demoMessageCount(page)) - 1), kiosk.config.codes.length);
    await submitCode(page, code);
    await expectStage(page, 'new_password');
  });
});
