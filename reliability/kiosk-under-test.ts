import type { EmailSender } from '../electron/core/ports.js';
import type { KioskConfig } from '../shared/config/config-schema.js';
import type { Channel, RequestOf, ResponseOf } from '../shared/ipc/contract.js';
import type { Result } from '../shared/ipc/result.js';
import { startTestKiosk, type TestKiosk } from '../test/support/core-kiosk.js';
import type { TestClock } from '../test/support/test-clock.js';
import type { TranscriptRecorder } from './figure.js';
import { recordKiosk } from './kiosk-records.js';

export interface KioskUnderTest {
  t: TestKiosk;
  /** Through the router like the page, and recorded for the secrets scan. */
  call<C extends Channel>(channel: C, payload: RequestOf<C>): Promise<Result<ResponseOf<C>>>;
  /** Records the audit trail, the log and every stored hash, then closes the kiosk. */
  finish(): Promise<void>;
}

/**
 * The real core (createKiosk through the test support) on a temp-dir SQLite file, with everything it
 * says to the page, writes to its audit or logs kept for the suite's secrets scan.
 */
export async function startKioskUnderTest(options: {
  dataDir: string;
  recorder: TranscriptRecorder;
  email?: EmailSender;
  /** What a recording email sender saw: its codes are secrets the scan looks for. */
  mailbox?: { attempted: { text: string }[] };
  clock?: TestClock;
  persistent?: boolean;
  configure?: (config: KioskConfig) => KioskConfig;
}): Promise<KioskUnderTest> {
  const t = await startTestKiosk({
    dataDir: options.dataDir,
    ...(options.email === undefined ? {} : { email: options.email }),
    ...(options.clock === undefined ? {} : { clock: options.clock }),
    ...(options.persistent === undefined ? {} : { persistent: options.persistent }),
    ...(options.configure === undefined ? {} : { configure: options.configure }),
  });
  const { recorder } = options;
  return {
    t,
    async call(channel, payload) {
      const result = await t.call(channel, payload);
      recorder.seen('ipc', JSON.stringify(result));
      return result;
    },
    async finish() {
      await recordKiosk(t.kiosk, t.logLines, recorder);
      for (const message of [...(t.kiosk.demoOutbox?.messages() ?? []), ...(options.mailbox?.attempted ?? [])]) {
        for (const match of message.text.matchAll(/(?<![0-9])(\d{6,10})(?![0-9])/g)) recorder.secret('code', match[1]!);
      }
      await t.kiosk.close();
    },
  };
}
