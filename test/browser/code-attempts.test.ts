import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KioskConfig } from '../../shared/config/config-schema.js';
import type { Preview } from '../../tools/preview/host.js';
import {
  alertText,
  askForEmailCode,
  demoMessageCount,
  enterUsername,
  readCodeFromDemoInbox,
  stageContainer,
  startBrowserPreview,
  submitCode,
  wrongCodeFor,
} from '../support/browser-preview.js';

/** A short block, so the test can check the wait is said in words ("30 minutes", not "1800"). */
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

  it('says how many tries are left in words, then how long to wait once they are used up', async () => {
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

    await submitCode(page, wrongCodeFor(code));
    await expect
      .poll(() => alert(), { timeout: 5_000 })
      .toMatch(
        new RegExp(
          // After 23:30 the block ends "tomorrow at 00:10": the renderer runs on the machine's own clock.
          `Too many tries\\. Please wait ${blockMinutes} minutes \\(until (tomorrow at )?\\d{2}:\\d{2}\\) and try again, or visit the ${kiosk.config.branding.serviceDesk.name}\\.`,
        ),
      );

    // Once blocked, even the right code is refused, and the person stays where they were.
    await submitCode(page, code);
    await expect.poll(() => alert(), { timeout: 5_000 }).toMatch(/Too many tries\. Please wait (30|29) minutes/);
    expect(await stageContainer(page, 'new_password').count()).toBe(0);
  });
});
