import type { Result } from '../../../shared/ipc/result.js';

/**
 * The one rule for "Too many tries", in every journey: a refusal as TOO_MANY_ATTEMPTS ends the
 * session in the blocked stage only when the name or account itself reached its failed-proof limit
 * (`blockedUntil` says until when); the kiosk's short pacing and the send limits say
 * TOO_MANY_ATTEMPTS too, but are only a wait, so the person stays where they were. `block` moves the
 * session; the refusal is returned unchanged either way.
 */
export async function endWhenBlocked<T>(result: Result<T>, blockedUntil: () => Promise<Date | null>, block: (until: string) => void): Promise<Result<T>> {
  if (result.ok || result.error.code !== 'TOO_MANY_ATTEMPTS') return result;
  const until = await blockedUntil();
  if (until !== null) block(until.toISOString());
  return result;
}
