import type { KioskConfig } from '../../../shared/config/config-schema.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import type { ChannelHealth } from '../delivery/channel-health.js';
import { describeFailureSummary, failureDetail, summariseDeliveryFailure } from '../delivery/failure-summary.js';
import type { Clock, EmailSender, SmsProvider } from '../ports.js';
import { outboxRows, type OutboxMessage } from '../store/outbox-rows.js';
import type { Store } from '../store/store.js';
import { noticeLanguage, renderNotice, renderNoticeText } from './notices.js';

const leaseMs = 2 * 60_000;
const batchSize = 20;
const firstRetryMs = 60_000;
const maxRetryMs = 60 * 60_000;

/** 1 min, 2, 4 ... at most an hour between tries of one message. */
export function retryDelayMs(attemptsSoFar: number): number {
  return Math.min(maxRetryMs, firstRetryMs * 2 ** attemptsSoFar);
}

/**
 * Sends queued notices, retrying with backoff across restarts until they go or are older than
 * `notifications.giveUpAfterHours`. Sends are skipped (not counted) while the channel is known down,
 * so an outage does not burn a message's tries or hammer the relay. Every outcome is audited.
 */
export function createOutboxWorker(deps: {
  store: Store;
  email: EmailSender;
  emailHealth: ChannelHealth;
  /** Text messages, when the kiosk has a provider: notices to verified mobiles go through it. */
  sms: { provider: SmsProvider; health: ChannelHealth } | null;
  audit: AuditTrail;
  clock: Clock;
  config: KioskConfig;
  log: (line: string) => void;
}) {
  const { store, email, emailHealth, audit, clock, config, log } = deps;
  const healthOf = (message: OutboxMessage) => (message.channel === 'sms' ? deps.sms?.health : emailHealth);
  /** True when the message's channel is known to be down, or missing altogether: nothing is tried. */
  const channelDown = (message: OutboxMessage) => {
    const health = healthOf(message);
    return health === undefined || health.knownDown() !== null;
  };

  async function deliver(message: OutboxMessage): Promise<void> {
    const language = noticeLanguage(message.language, config);
    if (message.channel === 'sms') {
      if (deps.sms === null) throw new Error('no text-message provider is configured');
      await deps.sms.provider.send({ to: message.recipient, text: renderNoticeText(message.kind, message.payload, config, language) });
      return;
    }
    await email.send({ to: message.recipient, ...renderNotice(message.kind, message.payload, config, language) });
  }
  const kioskId = config.kiosk.id;
  const giveUpMs = config.notifications.giveUpAfterHours * 3600_000;
  let running: Promise<number> | null = null;

  async function sendOne(message: OutboxMessage): Promise<boolean> {
    const nowMs = clock.now().getTime();
    try {
      await deliver(message);
    } catch (error) {
      const failure = summariseDeliveryFailure(error);
      const givingUp = nowMs - Date.parse(message.createdAt) >= giveUpMs;
      log(`notice ${message.id} not sent (${describeFailureSummary(failure)})${givingUp ? '; giving up' : ''}`);
      await store.run(async (tx) => {
        const text = describeFailureSummary(failure);
        if (givingUp) await outboxRows.markGivenUp(tx, message.id, text, clock.now().toISOString());
        else await outboxRows.markFailed(tx, message.id, text, new Date(nowMs + retryDelayMs(message.attempts)).toISOString());
        await audit.record(tx, {
          event: givingUp ? 'notification.gave_up' : 'notification.failed',
          outcome: 'failed',
          detail: { outboxId: message.id, kind: message.kind, channel: message.channel, attempts: message.attempts + 1, ...failureDetail(failure) },
        });
      });
      return false;
    }
    await store.run(async (tx) => {
      await outboxRows.markSent(tx, message.id, clock.now().toISOString());
      await audit.record(tx, { event: 'notification.sent', outcome: 'ok', detail: { outboxId: message.id, kind: message.kind, channel: message.channel, attempts: message.attempts + 1 } });
    });
    return true;
  }

  async function drain(): Promise<number> {
    let sent = 0;
    for (;;) {
      const now = clock.now();
      const claimed = await store.run((tx) =>
        outboxRows.claimDue(tx, kioskId, now.toISOString(), new Date(now.getTime() + leaseMs).toISOString(), batchSize),
      );
      if (claimed.length === 0) return sent;
      let released = 0;
      for (const message of claimed) {
        if (channelDown(message)) {
          // Back in the queue untouched, a little later, so a pass does not spin on it.
          await store.run((tx) => outboxRows.release(tx, message.id, new Date(clock.now().getTime() + firstRetryMs).toISOString()));
          released += 1;
          continue;
        }
        if (await sendOne(message)) sent += 1;
      }
      if (released === claimed.length) return sent;
      if (claimed.length < batchSize) return sent;
    }
  }

  return {
    /** Sends everything due now; concurrent calls share one pass. Resolves to how many were sent. */
    runOnce(): Promise<number> {
      running ??= drain().finally(() => {
        running = null;
      });
      return running;
    },
    /** Resolves when a pass in progress has finished (shutdown, tests). */
    async settled(): Promise<void> {
      await running?.catch(() => undefined);
    },
  };
}

export type OutboxWorker = ReturnType<typeof createOutboxWorker>;
