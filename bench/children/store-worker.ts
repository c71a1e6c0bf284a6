import { performance } from 'node:perf_hooks';
import { createAuditTrail } from '../../electron/core/audit/audit-trail.js';
import { createBackgroundTasks } from '../../electron/core/background-tasks.js';
import { createCodeIssuer, type CodeSettings } from '../../electron/core/codes/code-issuer.js';
import { createDemoConfig } from '../../electron/core/config/demo-config.js';
import { createCodeDelivery } from '../../electron/core/delivery/code-delivery.js';
import { createEmailChannel } from '../../electron/core/delivery/email-channel.js';
import { createStoreDirectory } from '../../electron/core/directory/sqlite-directory.js';
import { createArgon2Hasher } from '../../electron/core/hashing/argon2-hasher.js';
import { deriveKeys } from '../../electron/core/keys/derived-keys.js';
import { createNamePseudonym } from '../../electron/core/keys/name-pseudonym.js';
import { createCodeProof } from '../../electron/core/proofs/code-proof.js';
import { createProofThrottle } from '../../electron/core/proofs/proof-throttle.js';
import { openPostgresStore } from '../../electron/core/store/open-postgres-store.js';
import { openSqliteStore } from '../../electron/core/store/open-sqlite-store.js';
import { defaultRetryPolicy, type Store, type StoreRetryPolicy } from '../../electron/core/store/store.js';
import { StoreBusyError } from '../../electron/core/store/store-errors.js';
import { cryptoRandom } from '../../electron/core/system.js';
import { createThrottle, type ThrottleRules } from '../../electron/core/throttle/throttle.js';
import type { KioskConfig } from '../../shared/config/config-schema.js';
import { createRecordingEmailSender } from '../../test/support/recording-email.js';
import type { FromWorker, ToWorker, WorkerOperation, WorkerRun, WorkerStore } from './protocol.js';

/**
 * One kiosk process of the shared-store bench, started by bench/shared-store.ts with an IPC channel.
 * It opens the store the way the kiosk does (the real openers, the real retry policy, counted), builds
 * the real code proof and throttle on it, and runs one kind of operation in a loop when told to.
 *
 * What is measured is the full wrong-code path and the full throttle update, every time:
 * - the limits are raised beyond reach (a refused check is shorter: it records no failure), and a
 *   code never runs out of tries or expires during the run (an exhausted code is not checked at all);
 * - the clock moves 2 s per operation, so each 1-minute window holds about 30 events of this kiosk
 *   and each name's window a few (sizes the kiosk's own rules let a window reach in real use),
 *   instead of growing with the length of the run.
 */
const stepMs = 2_000;
const unreachable = 1_000_000_000;

const benchRules: ThrottleRules = {
  failedProofs: { limit: 10_000, windowMinutes: 1, blockMinutes: 1 },
  emailSends: { limit: 10_000, windowMinutes: 1, blockMinutes: 1 },
  smsSends: { limit: 10_000, windowMinutes: 1, blockMinutes: 1 },
  kioskRequests: { free: 10_000, limit: 10_000, windowMinutes: 1, firstWaitSeconds: 1, maxWaitSeconds: 1 },
  kioskFailedProofs: { free: 10_000, limit: 10_000, windowMinutes: 1, firstWaitSeconds: 1, maxWaitSeconds: 1 },
  technicianSignIns: { limit: 10_000, windowMinutes: 1, blockMinutes: 1 },
};
const benchCodes: CodeSettings = { length: 8, ttlMinutes: 365 * 24 * 60, maxTriesPerCode: unreachable };
// A challenge issued here is never bound to an account, so no code can be accepted: every check is wrong.
const wrongCode = '00000000';

interface Worker {
  store: Store;
  runOperation(operation: WorkerOperation, name: string, challengeId: string): Promise<void>;
  issue(name: string): Promise<string>;
  counters: { retries: number };
}

const send = (message: FromWorker) =>
  new Promise<void>((resolve, reject) => process.send?.(message, undefined, {}, (error) => (error ? reject(error) : resolve())));

async function openWorker(message: Extract<ToWorker, { type: 'open' }>): Promise<Worker> {
  const counters = { retries: 0 };
  // The kiosk's own policy; each wait it asks for is one transaction started again.
  const retry: StoreRetryPolicy = {
    attempts: defaultRetryPolicy.attempts,
    delayMs: (attempt) => {
      counters.retries += 1;
      return defaultRetryPolicy.delayMs(attempt);
    },
  };
  const store = await openStore(message.store, retry);

  let tick = 0;
  const started = Date.parse('2026-03-02T09:00:00.000Z');
  const clock = { now: () => new Date(started + tick * stepMs) };
  const demo = createDemoConfig('/nonexistent-bench-data');
  const config: KioskConfig = { ...demo, demo: false, kiosk: { ...demo.kiosk, id: message.kioskId }, throttle: benchRules, codes: benchCodes };

  const keys = deriveKeys(Buffer.from(message.deploymentKeyHex, 'hex'));
  const pseudonym = createNamePseudonym(keys.namePseudonym);
  const audit = createAuditTrail({ kioskId: message.kioskId, clock, chainKey: keys.auditChain, pseudonym });
  const throttle = createThrottle({ clock, rules: benchRules });
  const codes = createCodeIssuer({ random: cryptoRandom, clock, hmacKey: keys.codeHmac, settings: benchCodes });
  const log = () => undefined;
  // The proof needs a delivery to be built; verify never uses it.
  const delivery = createCodeDelivery({
    store,
    directory: createStoreDirectory(store, createArgon2Hasher(config.hashing), clock),
    codes,
    throttle,
    audit,
    channels: { email: createEmailChannel({ email: createRecordingEmailSender().sender, config, clock }) },
    background: createBackgroundTasks(log),
    log,
  });
  const proofThrottle = createProofThrottle({ throttle, audit, pseudonym, kioskId: config.kiosk.id });
  const proof = createCodeProof({ store, codes, throttle, audit, delivery, pseudonym, proofThrottle, config, language: () => config.languages.default });

  return {
    store,
    counters,
    async issue(name) {
      tick += 1;
      const issued = await store.run((tx) => codes.issue(tx, { usernameKey: pseudonym(name), purpose: 'reset', method: 'email' }));
      return issued.challengeId;
    },
    async runOperation(operation, name, challengeId) {
      tick += 1;
      if (operation === 'code') {
        const verdict = await proof.verify({ typedName: name, challengeId, code: wrongCode, purpose: 'reset', method: 'email', event: 'reset.code_checked' });
        // Anything but "wrong, try again" took a shorter path and would not measure what it claims to.
        if (verdict.accepted || verdict.result.ok || verdict.result.error.code !== 'CODE_WRONG') {
          throw new Error(`a bench code check did not take the wrong-code path: ${JSON.stringify(verdict)}`);
        }
        return;
      }
      const subject = pseudonym(name);
      await store.run(async (tx) => {
        const status = await throttle.status(tx, 'emailSends', subject);
        if (status.blocked) throw new Error('a bench throttle update found its subject blocked');
        await throttle.record(tx, 'emailSends', subject);
      });
    },
  };
}

function openStore(store: WorkerStore, retry: StoreRetryPolicy): Promise<Store> {
  if (store.kind === 'sqlite') return openSqliteStore(store.path, { retry });
  return openPostgresStore(
    {
      kind: 'postgres',
      host: store.host,
      port: store.port,
      database: store.database,
      user: store.user,
      passwordEnv: 'SSPR_BENCH_PG_PASSWORD',
      tls: { mode: 'disable' },
      poolSize: 4,
      connectTimeoutSeconds: 10,
    },
    { env: { SSPR_BENCH_PG_PASSWORD: store.password }, retry },
  );
}

/** Runs the operation in a loop, round-robin over `targets` (a name, and its challenge for code checks): a warm-up, then the measured window. */
async function measure(worker: Worker, run: Extract<ToWorker, { type: 'run' }>, targets: [name: string, challengeId: string][]): Promise<WorkerRun> {
  let next = 0;
  let gaveUp = 0;
  const once = async (): Promise<boolean> => {
    const [name, challengeId] = targets[next % targets.length] as [string, string];
    next += 1;
    try {
      await worker.runOperation(run.operation, name, challengeId);
      return true;
    } catch (error) {
      if (error instanceof StoreBusyError) {
        gaveUp += 1;
        return false;
      }
      throw error;
    }
  };

  const warmupEnd = performance.now() + run.warmupMs;
  while (performance.now() < warmupEnd) await once();

  gaveUp = 0;
  const retriesBefore = worker.counters.retries;
  const samplesMs: number[] = [];
  const started = performance.now();
  const end = started + run.durationMs;
  for (let at = started; at < end; at = performance.now()) {
    if (await once()) samplesMs.push(performance.now() - at);
  }
  const elapsedMs = performance.now() - started;
  return { count: samplesMs.length, elapsedMs, samplesMs, retries: worker.counters.retries - retriesBefore, gaveUp };
}

async function main(): Promise<void> {
  if (process.send === undefined) throw new Error('store-worker runs as a child of bench/shared-store.ts (with an IPC channel)');
  let worker: Worker | null = null;
  let ownNames: string[] = [];
  const ownChallenges = new Map<string, string>();
  // One message at a time, in order: the parent waits for each answer anyway.
  let queue = Promise.resolve();
  // If the bench dies, so do its kiosk processes.
  process.on('disconnect', () => process.exit(0));
  process.on('message', (message: ToWorker) => {
    queue = queue.then(async () => {
      try {
        if (message.type === 'open') {
          worker = await openWorker(message);
          ownNames = message.ownNames;
          await send({ type: 'opened' });
        } else if (message.type === 'issue') {
          await send({ type: 'issued', challengeId: await requireWorker(worker).issue(message.name) });
        } else if (message.type === 'run') {
          const open = requireWorker(worker);
          let targets: [string, string][];
          if (message.shared !== null) targets = [[message.shared.name, message.shared.challengeId]];
          else if (message.operation === 'throttle') targets = ownNames.map((name) => [name, '']);
          else {
            // One open challenge per name (a new one would retire the last), issued before the first code run.
            if (ownChallenges.size === 0) for (const name of ownNames) ownChallenges.set(name, await open.issue(name));
            targets = [...ownChallenges];
          }
          await send({ type: 'ran', run: await measure(open, message, targets) });
        } else {
          await worker?.store.close();
          await send({ type: 'closed' });
          process.disconnect();
        }
      } catch (error) {
        await send({ type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      }
    });
  });
}

function requireWorker(worker: Worker | null): Worker {
  if (worker === null) throw new Error('the store is not open yet');
  return worker;
}

main().catch((error: unknown) => {
  process.stderr.write(`store-worker failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
