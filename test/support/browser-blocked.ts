import type { Page } from 'playwright-core';
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
