import type { Clock } from '../ports.js';
import { summariseDeliveryFailure, type DeliveryFailureSummary } from './failure-summary.js';

export type HealthVerdict = { up: true } | { up: false; failure: DeliveryFailureSummary; retryAfterSeconds: number };

export interface ChannelHealthOptions {
  /** Connect, TLS and login to the provider, naming no recipient. */
  probe: () => Promise<void>;
  clock: Clock;
  /** An "up" verdict younger than this is reused instead of probing again. */
  maxAgeMs: number;
  /** While down, probe again after 5 s, then 10 s, 20 s... at most this long. */
  downRetryMaxMs: number;
  /** Told of every change of verdict (for the log and the audit), never of a recipient. */
  onChange?: (verdict: HealthVerdict) => void;
}

const firstDownRetryMs = 5000;

/**
 * Whether a delivery channel (the mail relay, the text gateway) can be used at all, judged apart from
 * any one recipient: the person at the kiosk hears "cannot send right now" exactly when this says
 * down, whoever they typed, and a single recipient's refusal never shows. Probes are spaced by an
 * exponential backoff while the channel is down, so pressing "Send a new code" cannot hammer a
 * failing relay (and get the kiosk's relay account locked).
 */
export function createChannelHealth(options: ChannelHealthOptions) {
  const { probe, clock, maxAgeMs, downRetryMaxMs } = options;
  let last: { verdict: HealthVerdict; atMs: number } | null = null;
  let nextProbeAtMs = 0;
  let downProbes = 0;
  let inFlight: Promise<HealthVerdict> | null = null;

  function downFor(nowMs: number): HealthVerdict | null {
    if (last === null || last.verdict.up || nowMs >= nextProbeAtMs) return null;
    return { up: false, failure: last.verdict.failure, retryAfterSeconds: Math.ceil((nextProbeAtMs - nowMs) / 1000) };
  }

  async function runProbe(): Promise<HealthVerdict> {
    let verdict: HealthVerdict;
    try {
      await probe();
      verdict = { up: true };
      downProbes = 0;
      nextProbeAtMs = 0;
    } catch (error) {
      const waitMs = Math.min(downRetryMaxMs, firstDownRetryMs * 2 ** downProbes);
      downProbes += 1;
      const nowMs = clock.now().getTime();
      nextProbeAtMs = nowMs + waitMs;
      verdict = { up: false, failure: summariseDeliveryFailure(error), retryAfterSeconds: Math.ceil(waitMs / 1000) };
    }
    const changed = last === null || last.verdict.up !== verdict.up;
    last = { verdict, atMs: clock.now().getTime() };
    if (changed) options.onChange?.(verdict);
    return verdict;
  }

  return {
    /** Down, and not yet due for another probe: refuse at once, contacting nobody. */
    knownDown(): Extract<HealthVerdict, { up: false }> | null {
      const verdict = downFor(clock.now().getTime());
      return verdict !== null && !verdict.up ? verdict : null;
    },

    /** The verdict for a request made now: a fresh enough one, or the result of one probe shared by all callers. */
    judge(): Promise<HealthVerdict> {
      if (inFlight !== null) return inFlight;
      const nowMs = clock.now().getTime();
      const down = downFor(nowMs);
      if (down !== null) return Promise.resolve(down);
      if (last !== null && last.verdict.up && nowMs - last.atMs < maxAgeMs) return Promise.resolve(last.verdict);
      inFlight = runProbe().finally(() => {
        inFlight = null;
      });
      return inFlight;
    },

    /** The last verdict, for the desk and tests; null before the first probe. */
    current: (): HealthVerdict | null => last?.verdict ?? null,
  };
}

export type ChannelHealth = ReturnType<typeof createChannelHealth>;
