import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CodePurpose, VerificationMethod } from '../../shared/flow/stages.js';
import type { Preview } from '../../tools/preview/host.js';
import {
  appSender,
  askForCode,
  backToStart,
  demoMessageCount,
  enterUsername,
  newestDemoMessageText,
  stageContainer,
  startBrowserPreview,
} from '../support/browser-preview.js';

interface SeenScreens {
  chooseMethod: string;
  codeSent: string;
  /**
   * What main reports once its background delivery has finished. The screen shows only what main
   * reports, so equal final views mean a late "could not send" cannot tell the names apart either,
   * without waiting for the page's next delivery poll.
   */
  finalView: unknown;
}

async function mainView(preview: Preview): Promise<unknown> {
  const result = await preview.kiosk.router.handle('session:get', appSender(preview), {});
  if (!result.ok) throw new Error(`session:get failed: ${result.error.code}`);
  // The seconds left tick down with the wall clock, not with the name.
  const { expiresInSeconds: _ticking, ...rest } = result.value as { expiresInSeconds?: number };
  return rest;
}

/**
 * What a person typing `username` sees on the method and code-sent screens of a journey, with their
 * own username masked.
 */
async function screensSeenBy(
  preview: Preview,
  username: string,
  how: { purpose: CodePurpose; method: VerificationMethod } = { purpose: 'reset', method: 'email' },
): Promise<SeenScreens> {
  const { page } = preview;
  const mask = (text: string) => text.split(username).join('<username>');
  await enterUsername(page, username, how.purpose);
  const chooseMethod = mask(await stageContainer(page, 'choose_method').innerText());
  await askForCode(page, how.method);
  await preview.kiosk.settled();
  const codeSent = mask(await stageContainer(page, 'code_sent').innerText());
  return { chooseMethod, codeSent, finalView: await mainView(preview) };
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

  it('shows an unknown username, and an account with no registered phone (amira.khan), exactly what a registered phone sees, for a code by text', async () => {
    const bySms = { purpose: 'reset', method: 'sms' } as const;
    const before = await demoMessageCount(preview.page);
    const registered = await screensSeenBy(preview, 'erin.walsh', bySms);
    // The registered phone really was sent a text, so the comparison is against a working send.
    expect(await newestDemoMessageText(preview.page, before)).toContain('Text message');

    await backToStart(preview);
    const inboxBefore = await demoMessageCount(preview.page);
    const unknown = await screensSeenBy(preview, 'no.such.person', bySms);
    await backToStart(preview);
    const noPhone = await screensSeenBy(preview, 'amira.khan', bySms);

    expect(unknown).toEqual(registered);
    expect(noPhone).toEqual(registered);
    expect(registered.codeSent).toContain('If this account is registered for reset by text message, a code is on its way.');
    expect(registered.codeSent).toContain('Look for a text message on the mobile phone you registered.');
    expect(await demoMessageCount(preview.page)).toBe(inboxBefore);
  });

  it('shows the same to everyone on "Account locked?" too: a locked account registered by phone and an unknown name', async () => {
    const unlockBySms = { purpose: 'unlock', method: 'sms' } as const;
    const registered = await screensSeenBy(preview, 'farid.haddad', unlockBySms);
    await backToStart(preview);
    const inboxBefore = await demoMessageCount(preview.page);
    const unknown = await screensSeenBy(preview, 'no.such.person', unlockBySms);

    expect(unknown).toEqual(registered);
    expect(registered.codeSent).toContain('If this account is registered for reset by text message, a code to unlock it is on its way.');
    expect(await demoMessageCount(preview.page)).toBe(inboxBefore);
  });
});
