import type { Page } from 'playwright-core';
import type { KioskConfig } from '../../shared/config/config-schema.js';
import { expect } from 'vitest';
import { alertWords, typeCode } from './browser-any-language.js';
import { expectStage } from './browser-preview.js';

/**
 * On the code screen, types wrong codes until the name's failed-proof limit (`limit` wrong codes in
 * all) moves the journey to the blocked stage. Works in any language: each answer is awaited by its
 * alert changing, never by its words.
 */
export async function typeWrongCodesUntilBlocked(page: Page, options: { codeLength: number; limit: number }): Promise<void> {
  const wrong = '0'.repeat(options.codeLength);
  for (let tries = 1; tries < options.limit; tries += 1) {
    const before = await alertWords(page);
    await typeCode(page, wrong);
    await expect.poll(() => alertWords(page), { timeout: 10_000 }).not.toBe(before);
  }
  await typeCode(page, wrong);
  await expectStage(page, 'blocked');
}

/**
 * Room for several journeys, resends and wrong codes per screen size, so that no limit but the
 * person's own failed-proof limit is met.
 */
export const roomyBlockLimits = (config: KioskConfig): KioskConfig => ({
  ...config,
  throttle: {
    ...config.throttle,
    emailSends: { ...config.throttle.emailSends, limit: 100 },
    kioskRequests: { ...config.throttle.kioskRequests, free: 200, limit: 400 },
    kioskFailedProofs: { ...config.throttle.kioskFailedProofs, free: 100 },
  },
});

/** The blocked screen's "try again after" line as English writes it, in this machine's time zone (the page's). */
export function expectedUntilWords(until: Date): string {
  const time = new Intl.DateTimeFormat('en', { timeStyle: 'short' }).format(until);
  const sameDay = new Date().toDateString() === until.toDateString();
  return sameDay ? `You can try again after ${time}.` : `You can try again after ${time} on ${new Intl.DateTimeFormat('en', { dateStyle: 'long' }).format(until)}.`;
}
