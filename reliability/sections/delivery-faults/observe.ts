import { mkdtempSync } from 'node:fs';
import path from 'node:path';
import { createDemoConfig } from '../../../electron/core/config/demo-config.js';
import { validateConfig } from '../../../electron/core/config/load-config.js';
import { seedDemoDatabase } from '../../../electron/core/demo/seed-demo.js';
import { createArgon2Hasher } from '../../../electron/core/hashing/argon2-hasher.js';
import { createKiosk, type Kiosk } from '../../../electron/core/kiosk.js';
import type { MessageContext } from '../../../renderer/src/messages.js';
import { createTranslator } from '../../../shared/i18n/translator.js';
import type { KioskConfig } from '../../../shared/config/config-schema.js';
import type { KioskInfo } from '../../../shared/ipc/contract.js';
import type { Result } from '../../../shared/ipc/result.js';
import { appFrame, testAppOrigin } from '../../../test/support/core-kiosk.js';
import { rowsOf } from '../../../test/support/database-dump.js';
import { createSeededRandom } from '../../../test/support/seeded-random.js';
import { createTestClock } from '../../../test/support/test-clock.js';
import { createTestGuessability } from '../../../test/support/test-guessability.js';
import type { SectionOptions } from '../../figure.js';
import { recordKiosk } from '../../kiosk-records.js';
import type { Fault, FaultSetup } from './fault.js';

const sendableMobile = '+447400123456';

export interface AuditRow {
  event: string;
  outcome: string;
  detail: string;
}

export interface Observation {
  name: string;
  /** Everything a stranger can read off the kiosk for this name: the answers in order, and whether they were counted. */
  transcript: string;
  answers: Result<unknown>[];
  counted: number;
  audit: AuditRow[];
  internal: number;
  backgroundFailures: number;
  context: MessageContext;
}

interface RunningKiosk {
  kiosk: Kiosk;
  logLines: string[];
  call(channel: string, payload: unknown): Promise<Result<unknown>>;
}

/** createKiosk as main calls it (timers off: this section drives the passes), demo people seeded once. */
async function startKiosk(config: KioskConfig, setup: FaultSetup): Promise<RunningKiosk> {
  const clock = createTestClock();
  const logLines: string[] = [];
  const kiosk = await createKiosk({
    config,
    appOrigin: testAppOrigin,
    clock,
    random: createSeededRandom(),
    guessability: createTestGuessability(),
    env: setup.env,
    ...(setup.email === undefined ? {} : { email: setup.email }),
    timers: false,
    log: (line) => logLines.push(line),
  });
  await seedDemoDatabase(kiosk.store, createArgon2Hasher(config.hashing), clock);
  // The demo's numbers are in Ofcom's drama range, which a real provider refuses before sending (as
  // `address`); ben gets a number in a valid mobile range instead. It only ever reaches the loopback gateway.
  await kiosk.store.run((tx) => tx.updateTable('contact_methods').set({ value: sendableMobile }).where('kind', '=', 'phone').where('value', '=', '+447700900123').execute());
  return { kiosk, logLines, call: (channel, payload) => kiosk.router.handle(channel, appFrame, payload) };
}

/** One person at a fresh kiosk: asks for a code, waits for the delivery, asks again. */
export async function observe(fault: Fault, setup: FaultSetup, name: string, folder: string, options: SectionOptions): Promise<Observation> {
  const dataDir = mkdtempSync(path.join(folder, 'kiosk-'));
  // Validated as loadConfig would, so the fault runs on a configuration a deployment could really have.
  const config = validateConfig(setup.configure(createDemoConfig(dataDir)), `delivery faults: ${fault.name}`, dataDir);
  const k = await startKiosk(config, setup);
  const answers: Result<unknown>[] = [];
  try {
    const info = await k.call('kiosk:info', {});
    if (!info.ok) throw new Error(`delivery faults: kiosk:info answered ${info.error.code}`);
    const kioskInfo = info.value as KioskInfo;
    const context: MessageContext = { rules: kioskInfo.policy, organisationName: kioskInfo.organisationName, deskName: kioskInfo.serviceDesk.name, words: createTranslator(kioskInfo.languages.default) };
    answers.push(await k.call('journey:begin', { purpose: 'reset', username: name }));
    answers.push(await k.call('code:choose', { method: fault.method }));
    await k.kiosk.settled();
    answers.push(await k.call('session:get', {}));
    answers.push(await k.call('code:resend', {}));
    await k.kiosk.settled();
    answers.push(await k.call('session:get', {}));
    for (const answer of [info, ...answers]) options.recorder.seen('ipc', JSON.stringify(answer));
    const subject = k.kiosk.pseudonym(name);
    const counted = (await rowsOf<{ subject: string }>(k.kiosk.store, 'throttle_events')).filter((row) => row.subject === subject).length;
    const audit = await rowsOf<AuditRow>(k.kiosk.store, 'audit_log');
    return {
      name,
      transcript: JSON.stringify({ answers, counted }),
      answers,
      counted,
      audit,
      internal: answers.filter((answer) => !answer.ok && answer.error.code === 'INTERNAL').length,
      backgroundFailures: k.logLines.filter((line) => /^background task .* failed/.test(line) || /^ipc .* failed:/.test(line)).length,
      context,
    };
  } finally {
    await recordKiosk(k.kiosk, k.logLines, options.recorder);
    await k.kiosk.close();
  }
}
