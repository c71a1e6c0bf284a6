import type { AuditRetention } from '../audit/audit-retention.js';
import { isDirectoryUnavailable } from '../directory/directory-errors.js';
import type { Clock } from '../ports.js';
import type { PasswordChanger } from '../reset/password-change.js';
import { challengeRows } from '../store/challenges.js';
import { outboxRows } from '../store/outbox-rows.js';
import { passwordChangeRows } from '../store/password-change-rows.js';
import type { Store } from '../store/store.js';
import { throttleRows } from '../store/throttle-records.js';
import { ticketRows } from '../tickets/ticket-rows.js';
import type { Throttle } from '../throttle/throttle.js';

const day = 86_400_000;
const batchSize = 500;
/** A change pending this long is not in progress anywhere: any kiosk may finish it. */
export const staleIntentMs = 10 * 60_000;
/** Kept a while after they stop mattering, for the desk's questions ("did my code arrive?"). */
const keepFinishedMs = 30 * day;

export interface MaintenanceReport {
  challenges: number;
  throttleEvents: number;
  throttleBlocks: number;
  outbox: number;
  intents: number;
  recoveredIntents: { completed: number; abandoned: number };
  auditExported: number;
  /** Help tickets past their time (technician.ticketMinutes). */
  tickets: number;
}

/**
 * Housekeeping that no request waits for: deletes what no rule needs any more (expired codes,
 * throttle events outside every window, ended blocks, old sent notices, finished intents, expired help
 * tickets), in small batches with a pause between them so a large backlog never stalls the kiosk; finishes
 * password changes left pending by a kiosk that stopped; runs the audit retention.
 */
export function createMaintenance(deps: {
  store: Store;
  throttle: Throttle;
  changer: PasswordChanger;
  retention: AuditRetention;
  clock: Clock;
}) {
  const { store, throttle, changer, retention, clock } = deps;

  async function inBatches(prune: (now: Date) => Promise<number>): Promise<number> {
    let total = 0;
    for (;;) {
      const removed = await prune(clock.now());
      total += removed;
      if (removed < batchSize) return total;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  const before = (now: Date, ms: number) => new Date(now.getTime() - ms).toISOString();

  return {
    async runOnce(): Promise<MaintenanceReport> {
      const challenges = await inBatches((now) => store.run((tx) => challengeRows.pruneExpired(tx, before(now, day), batchSize)));
      const longestWindowMs = throttle.longestWindowMinutes() * 60_000;
      const throttleEvents = await inBatches((now) => store.run((tx) => throttleRows.pruneEvents(tx, before(now, longestWindowMs), batchSize)));
      const throttleBlocks = await store.run((tx) => throttleRows.pruneBlocks(tx, clock.now().toISOString()));
      const outbox = await inBatches((now) => store.run((tx) => outboxRows.pruneFinished(tx, before(now, keepFinishedMs), batchSize)));
      const intents = await inBatches((now) => store.run((tx) => passwordChangeRows.pruneFinished(tx, before(now, keepFinishedMs), batchSize)));
      // Recovery asks the directory; one that does not answer now is asked again at the next pass.
      const recoveredIntents = await changer.recover({ olderThanMs: staleIntentMs, onlyThisKiosk: false }).catch((error: unknown) => {
        if (isDirectoryUnavailable(error)) return { completed: 0, abandoned: 0 };
        throw error;
      });
      const auditExported = (await retention.runOnce()).exported;
      const tickets = await store.run((tx) => ticketRows.pruneExpired(tx, clock.now().toISOString()));
      return { challenges, throttleEvents, throttleBlocks, outbox, intents, recoveredIntents, auditExported, tickets };
    },
  };
}

export type Maintenance = ReturnType<typeof createMaintenance>;
