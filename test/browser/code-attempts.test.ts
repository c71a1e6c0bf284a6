import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KioskConfig } from '../../shared/config/config-schema.js';
import type { Preview } from '../../tools/preview/host.js';
import {
  alertText,
  askForEmailCode,
  demoMessageCount,
  enterUsername,
  expectStage,
  mainStage,
  readCodeFromDemoInbox,
  stageContainer,
  startBrowserPreview,
  submitCode,
  wrongCodeFor,
} from '../support/browser-preview.js';

/** A short block, so the blocked screen names a time of day today (unless the test runs after 23:30). */
const blockMinutes = 30;
const shortBlock = (config: KioskConfig): KioskConfig => ({
  ...config,
  throttle: { ...config.throttle, failedProofs: { ...config.throttle.failedProofs, blockMinutes } },
});

describe('wrong codes at the kiosk', () => {
  let preview: Preview;

  beforeAll(async () => {
    preview = await startBrowserPreview({ adjustConfig: shortBlock });
  });
  afterAll(async () => {
    await preview?.close();
  });

  it('says how many tries are left in words, then ends in the blocked screen once they are used up', async () => {
    const { page, kiosk } = preview;
    const tries = Math.min(kiosk.config.codes.maxTriesPerCode, kiosk.config.throttle.failedProofs.limit);
    await enterUsername(page, 'ben.okafor');
    const before = await demoMessageCount(page);
    await askForEmailCode(page);
    const code = await readCodeFromDemoInbox(page, before, kiosk.config.codes.length);
    const alert = () => alertText(page, 'code_sent');

    for (let left = tries - 1; left >= 1; left -= 1) {
      await submitCode(page, wrongCodeFor(code));
      const expected = left === 1 ? 'That code is not right. You have 1 try left.' : `That code is not right. You have ${left} tries left.`;
      await expect.poll(() => alert(), { timeout: 5_000 }).toContain(expected);
    }

    // The last try ends the journey: the blocked screen says until when (a time of day, and the date
    // after 23:30, when the 30 minutes end tomorrow), and nothing on it takes a code any more.
    await submitCode(page, wrongCodeFor(code));
    await expectStage(page, 'blocked');
    expect(await page.getByTestId('blocked-until').innerText()).toMatch(/^You can try again after \d{1,2}:\d{2}\s[AP]M( on .+)?\.$/);
    expect(await page.getByRole('button', { name: 'Verify' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Send a new code' }).count()).toBe(0);
    expect(await mainStage(preview)).toBe('blocked');
    expect(await stageContainer(page, 'new_password').count()).toBe(0);
  });
});
