import type { CodePurpose as Purpose, VerificationMethod } from '../../../shared/flow/stages.js';
import type { Language } from '../../../shared/i18n/languages.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import type { createBackgroundTasks } from '../background-tasks.js';
import type { CodeIssuer } from '../codes/code-issuer.js';
import { isDirectoryUnavailable } from '../directory/directory-errors.js';
import type { AccountRecord, Directory } from '../ports.js';
import { contactRows } from '../store/contacts.js';
import type { Store } from '../store/store.js';
import type { Throttle } from '../throttle/throttle.js';
import type { HealthVerdict } from './channel-health.js';
import type { DeliveryChannels } from './delivery-channel.js';
import { describeFailureSummary, failureDetail, summariseDeliveryFailure } from './failure-summary.js';

export interface DeliveryRequest {
  typedName: string;
  challengeId: string;
  /** The only copy of the clear code: it lives in this closure until sent, and is never stored or logged. */
  code: string;
  method: VerificationMethod;
  purpose: Purpose;
  /** The session's language when the code was asked for: the message is written in it. */
  language: Language;
  /** Taken back when the channel turns out to be down: nobody could have been sent anything. */
  throttleEvents: number[];
  /** The channel is down: the person is told, whoever they typed. */
  onChannelDown: (verdict: Extract<HealthVerdict, { up: false }>) => void;
}

/** What the person is told to wait when the directory went away mid-delivery: the pool's own reconnect is quicker. */
const directoryRetrySeconds = 60;

/**
 * Sends codes after the response has gone, so nothing the person sees waits on (or reveals) the
 * account or the mail server. The order is the same for every name: judge the channel (a probe that
 * names no recipient), and only then look the name up. What the screen shows depends on the
 * channel's verdict alone; a recipient's refusal is audited for the desk with its error class and
 * reply code, never shown.
 */
export function createCodeDelivery(deps: {
  store: Store;
  directory: Directory;
  codes: CodeIssuer;
  throttle: Throttle;
  audit: AuditTrail;
  channels: DeliveryChannels;
  background: ReturnType<typeof createBackgroundTasks>;
  log: (line: string) => void;
}) {
  const { store, directory, codes, throttle, audit, channels, background, log } = deps;

  async function deliver(request: DeliveryRequest): Promise<void> {
    const { typedName, challengeId, method, purpose } = request;
    const channel = channels[method];
    if (channel === undefined) throw new Error(`No delivery channel for ${method}`);

    const verdict = await channel.health.judge();
    if (!verdict.up) {
      await store.run(async (tx) => {
        for (const eventId of request.throttleEvents) await throttle.forget(tx, eventId);
        await audit.record(tx, { event: `${purpose}.code_not_sent`, typedName, outcome: 'failed', detail: { method, reason: 'channel_down', ...failureDetail(verdict.failure) } });
      });
      request.onChannelDown(verdict);
      return;
    }

    let account: AccountRecord | null;
    try {
      account = await directory.findAccount(typedName);
    } catch (error) {
      // The directory went away after the request was accepted (its probe passed): nothing is sent and
      // nothing counted, as when the channel is down, and the person is told no code is coming.
      if (!isDirectoryUnavailable(error)) throw error;
      await store.run(async (tx) => {
        for (const eventId of request.throttleEvents) await throttle.forget(tx, eventId);
        await audit.record(tx, { event: `${purpose}.code_not_sent`, typedName, outcome: 'failed', detail: { method, reason: 'directory_unavailable' } });
      });
      request.onChannelDown({ up: false, failure: { errorClass: 'directory_unavailable' }, retryAfterSeconds: directoryRetrySeconds });
      return;
    }
    const eligible = account !== null && account.status === 'active' ? account : null;
    const recipients = eligible === null ? [] : await store.read((db) => contactRows.verified(db, eligible.id, channel.contactKind));
    if (eligible === null || recipients.length === 0) {
      // For the desk ("no code arrived?"); the person was told the same as everyone.
      const reason = account === null ? 'no_account' : eligible === null ? 'account_disabled' : 'not_registered';
      await store.run((tx) =>
        audit.record(tx, { event: `${purpose}.code_not_sent`, typedName, account: account?.username ?? null, outcome: 'ok', detail: { method, reason } }),
      );
      return;
    }

    await store.run((tx) => codes.bind(tx, challengeId, eligible.id));
    const results = await Promise.allSettled(recipients.map((to) => channel.sendCode(to, request.code, purpose, request.language)));
    const failures = results.flatMap((result) => (result.status === 'rejected' ? [summariseDeliveryFailure(result.reason)] : []));
    for (const failure of failures) log(`${method} code not delivered to a recipient: ${describeFailureSummary(failure)}`);
    await store.run(async (tx) => {
      const base = { typedName, account: eligible.username };
      if (failures.length < recipients.length) {
        await audit.record(tx, { ...base, event: `${purpose}.code_sent`, outcome: 'ok', detail: { method, recipients: recipients.length, delivered: recipients.length - failures.length } });
      }
      for (const failure of failures) {
        await audit.record(tx, { ...base, event: `${purpose}.code_send_failed`, outcome: 'failed', detail: { method, ...failureDetail(failure) } });
      }
    });
  }

  return {
    /** The channel is down and not yet due for another probe: refuse the request before anything is counted. */
    knownDown(method: VerificationMethod): Extract<HealthVerdict, { up: false }> | null {
      return channels[method]?.health.knownDown() ?? null;
    },
    offers(method: VerificationMethod): boolean {
      return channels[method] !== undefined;
    },
    /** Starts the delivery in the background and returns at once. */
    start(request: DeliveryRequest): void {
      background.start(`${request.method} code delivery`, () => deliver(request));
    },
  };
}

export type CodeDelivery = ReturnType<typeof createCodeDelivery>;
