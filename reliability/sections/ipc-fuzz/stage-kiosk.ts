import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createDemoConfig } from '../../../electron/core/config/demo-config.js';
import { demoAccounts } from '../../../electron/core/demo/demo-accounts.js';
import { demoTechnician } from '../../../electron/core/demo/demo-technician.js';
import type { SenderInfo } from '../../../electron/core/ipc/sender.js';
import { createKiosk, type Kiosk } from '../../../electron/core/kiosk.js';
import type { Channel } from '../../../shared/ipc/contract.js';
import type { Result } from '../../../shared/ipc/result.js';
import { codeIn } from '../../../test/support/core-kiosk.js';
import { dumpStore } from '../../../test/support/database-dump.js';
import { appCodeAt } from '../../../test/support/authenticator-app.js';
import { createSeededRandom } from '../../../test/support/seeded-random.js';
import { createTestClock } from '../../../test/support/test-clock.js';
import { createTestGuessability } from '../../../test/support/test-guessability.js';
import type { TranscriptRecorder } from '../../figure.js';
import { recordKiosk } from '../../kiosk-records.js';
import { appFrame, appOrigin } from './probe.js';

export type FuzzStage = 'identify' | 'choose_method' | 'code_sent' | 'blocked' | 'new_password' | 'methods' | 'app_setup' | 'technician';
/**
 * The reset journey's stages (blocked: after too many wrong codes), registration's list of methods
 * and app enrolment (signed in), and a technician session open at the start screen (where technician
 * channels get past the router's gate).
 */
export const fuzzStages: readonly FuzzStage[] = ['identify', 'choose_method', 'code_sent', 'blocked', 'new_password', 'methods', 'app_setup', 'technician'];
const registrationStages: readonly FuzzStage[] = ['methods', 'app_setup'];

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export interface FuzzKiosk {
  kiosk: Kiosk;
  logLines: string[];
  call(channel: string, payload: unknown, sender?: SenderInfo): Promise<Result<unknown>>;
}

/** A demo kiosk (createKiosk, as main builds it) behind the Electron origin, with the session at `stage`. */
export async function kioskAt(stage: FuzzStage, dataDir: string, recorder: TranscriptRecorder | undefined): Promise<FuzzKiosk> {
  const logLines: string[] = [];
  mkdirSync(dataDir, { recursive: true });
  const clock = createTestClock();
  const kiosk = await createKiosk({
    config: createDemoConfig(dataDir),
    appOrigin,
    clock,
    random: createSeededRandom(),
    guessability: createTestGuessability(),
    timers: false,
    log: (line) => logLines.push(line),
  });
  const call = async (channel: string, payload: unknown, sender: SenderInfo = appFrame) => kiosk.router.handle(channel, sender, payload);
  const step = async (channel: Channel, payload: unknown) => {
    const answer = await call(channel, payload);
    recorder?.seen('ipc', JSON.stringify(answer));
    if (!answer.ok) throw new Error(`ipc fuzz: could not reach ${stage}: ${channel} answered ${answer.error.code}`);
  };
  try {
    if (registrationStages.includes(stage)) {
      const grace = demoAccounts.find((account) => account.username === 'grace.nowak')!;
      recorder?.secret('password', grace.password);
      await step('journey:signIn', { purpose: 'register', username: grace.username, password: grace.password });
      if (stage === 'app_setup') await step('method:addApp', {});
      return { kiosk, logLines, call };
    }
    if (stage === 'technician') {
      await openTechnicianCase(step, clock.now(), kiosk.config.technician.idDocuments[0]!, recorder);
      return { kiosk, logLines, call };
    }
    if (stage !== 'identify') await step('journey:begin', { purpose: 'reset', username: 'amira.khan' });
    if (stage === 'code_sent' || stage === 'blocked' || stage === 'new_password') {
      await step('code:choose', { method: 'email' });
      // Background delivery finishes (and is audited) before the snapshot, so it cannot look like a change.
      await kiosk.settled();
    }
    if (stage === 'blocked') {
      // Wrong codes until the name's failed-proof limit ends the journey (a used-up code is replaced).
      const stageNow = async () => {
        const view = await call('session:get', {});
        return view.ok ? (view.value as { stage: string }).stage : null;
      };
      for (let tries = 0; tries < 20 && (await stageNow()) !== 'blocked'; tries += 1) {
        const answer = await call('code:verify', { code: '0'.repeat(kiosk.config.codes.length) });
        recorder?.seen('ipc', JSON.stringify(answer));
        if (!answer.ok && answer.error.code === 'CODE_EXPIRED') await step('code:resend', {});
      }
      await kiosk.settled();
      if ((await stageNow()) !== 'blocked') throw new Error('ipc fuzz: could not reach blocked');
    }
    if (stage === 'new_password') {
      const code = codeIn(kiosk.demoOutbox!.messages().at(-1)!.text, kiosk.config.codes.length);
      recorder?.secret('code', code);
      await step('code:verify', { code });
    }
  } catch (error) {
    await kiosk.close();
    throw error;
  }
  return { kiosk, logLines, call };
}

export async function snapshot(k: FuzzKiosk): Promise<{ database: string; session: string; outbox: number }> {
  await k.kiosk.settled();
  return {
    database: sha256(await dumpStore(k.kiosk.store)),
    session: JSON.stringify([await k.call('session:get', {}), await k.call('technician:get', {})]),
    outbox: k.kiosk.demoOutbox!.messages().length,
  };
}

export async function recordAndClose(k: FuzzKiosk, recorder: TranscriptRecorder | undefined): Promise<void> {
  if (recorder === undefined) await k.kiosk.settled();
  else await recordKiosk(k.kiosk, k.logLines, recorder);
  await k.kiosk.close();
}

/**
 * The demo technician signed in (password and app code through the router), with a person looked up
 * and an ID check recorded: every technician channel then reaches its schema and its step.
 */
async function openTechnicianCase(
  step: (channel: Channel, payload: unknown) => Promise<void>,
  now: Date,
  document: string,
  recorder: TranscriptRecorder | undefined,
): Promise<void> {
  recorder?.secret('password', demoTechnician.password);
  // The technician's app secret must never cross IPC, reach the audit or the log either.
  recorder?.secret('password', demoTechnician.totpSecret);
  const code = appCodeAt(demoTechnician.totpSecret, now);
  recorder?.secret('code', code);
  await step('technician:signIn', { username: demoTechnician.username, password: demoTechnician.password, code });
  await step('technician:lookup', { username: 'amira.khan' });
  await step('technician:recordIdCheck', { document, seenInPerson: true });
}
