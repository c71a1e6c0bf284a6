import { expect } from 'vitest';
import type { VerificationMethod } from '../../shared/flow/stages.js';
import { codeIn, valueOf, type TestKiosk } from './core-kiosk.js';

/**
 * Asks for a code by email or text through the router, as the page does, and returns the code from
 * the demo outbox (the newest message of that channel once the background delivery has run).
 */
export async function sentCode(t: TestKiosk, method: VerificationMethod): Promise<string> {
  await t.kiosk.settled();
  const before = t.kiosk.demoOutbox!.messages().length;
  expect(valueOf(await t.call('code:choose', { method }))).toMatchObject({ stage: 'code_sent', method, delivery: 'pending' });
  const message = (await t.waitForMessages(before + 1)).at(-1)!;
  expect(message.channel).toBe(method);
  return method === 'email' ? codeIn(message.text) : /(\d{8})/.exec(message.text)![1]!;
}

/** A code of the same length that is not `code`. */
export const wrongCodeFor = (code: string): string => (code.startsWith('0') ? `1${code.slice(1)}` : `0${code.slice(1)}`);
