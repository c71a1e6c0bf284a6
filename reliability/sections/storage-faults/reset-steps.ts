import path from 'node:path';
import { demoDatabaseFile } from '../../../electron/core/config/demo-config.js';
import { codeIn } from '../../../test/support/core-kiosk.js';
import { passwordFor } from '../../children/reset-loop-plan.js';
import type { TranscriptRecorder } from '../../figure.js';
import type { KioskUnderTest } from '../../kiosk-under-test.js';

export const databaseOf = (dataDir: string) => path.join(dataDir, demoDatabaseFile);

export function codeFrom(texts: string[], length: number): string {
  for (const text of texts) {
    try {
      return codeIn(text, length);
    } catch {
      // Not a code message (a notice): look at the next one.
    }
  }
  throw new Error('no code was sent');
}

/** A whole reset by email through the router, its code read from the recording sender; the answer to the new password. */
export async function resetByEmail(
  k: KioskUnderTest,
  mail: { sent: readonly { text: string }[] },
  recorder: TranscriptRecorder,
  username: string,
  passwordNumber: number,
) {
  await k.call('journey:begin', { purpose: 'reset', username });
  const before = mail.sent.length;
  await k.call('code:choose', { method: 'email' });
  await k.t.kiosk.settled();
  const code = codeFrom(mail.sent.slice(before).map((message) => message.text), k.t.kiosk.config.codes.length);
  recorder.secret('code', code);
  await k.call('code:verify', { code });
  const password = passwordFor(passwordNumber);
  recorder.secret('password', password);
  return k.call('password:set', { password, confirmation: password });
}
