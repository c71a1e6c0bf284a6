import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Preview } from '../../tools/preview/host.js';
import {
  askForEmailCode,
  backToStart,
  demoMessageCount,
  enterUsername,
  newestDemoMessageText,
  stageContainer,
  startBrowserPreview,
} from '../support/browser-preview.js';

/** Longer than the renderer's ~2 s delivery poll, so a late "could not send" would have shown by now. */
const settleMs = 3_000;

interface SeenScreens {
  chooseMethod: string;
  codeSent: string;
}

/** What a person typing `username` sees on the method and code-sent screens, with their own username masked. */
async function screensSeenBy(preview: Preview, username: string): Promise<SeenScreens> {
  const { page } = preview;
  const mask = (text: string) => text.split(username).join('<username>');
  await enterUsername(page, username);
  const chooseMethod = mask(await stageContainer(page, 'choose_method').innerText());
  await askForEmailCode(page);
  await page.waitForTimeout(settleMs);
  const codeSent = mask(await stageContainer(page, 'code_sent').innerText());
  return { chooseMethod, codeSent };
}

describe('the kiosk does not tell registered, unregistered and unknown usernames apart', () => {
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

  it('shows an unknown username exactly what a registered one sees', async () => {
    const before = await demoMessageCount(preview.page);
    const registered = await screensSeenBy(preview, 'amira.khan');
    // The registered account really was sent a code, so the comparison is against a working send.
    expect(await newestDemoMessageText(preview.page, before)).toMatch(/code/i);

    await backToStart(preview);
    const inboxBefore = await demoMessageCount(preview.page);
    const unknown = await screensSeenBy(preview, 'no.such.person');

    expect(unknown).toEqual(registered);
    expect(registered.codeSent).toContain('If this account is registered for reset by email, a code is on its way.');
    expect(await demoMessageCount(preview.page)).toBe(inboxBefore);
  });

  it('shows an account with no registered email (chloe.martin) exactly what a registered one sees', async () => {
    const registered = await screensSeenBy(preview, 'ben.okafor');
    await backToStart(preview);
    const inboxBefore = await demoMessageCount(preview.page);
    const unregistered = await screensSeenBy(preview, 'chloe.martin');

    expect(unregistered).toEqual(registered);
    expect(await demoMessageCount(preview.page)).toBe(inboxBefore);
  });
});
