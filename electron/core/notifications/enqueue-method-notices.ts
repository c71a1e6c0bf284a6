import type { Language } from '../../../shared/i18n/languages.js';
import type { MethodNoticeKind } from '../mail/method-notice.js';
import { outboxRows } from '../store/outbox-rows.js';
import type { Tx } from '../store/store.js';
import type { MethodNoticePayload } from './notices.js';

export interface AddressesOnRecord {
  emails: string[];
  phones: string[];
}

/**
 * Queues the notice of a change to a person's methods to every address on record before the change
 * and every one after it (each once): the old address hears that a new one was added, a removed
 * address hears that it was removed. Texts go to mobiles only when the kiosk can send texts. Part of
 * the caller's transaction, so a change is never saved without its notices. Returns how many were queued.
 */
export async function enqueueMethodNotices(
  tx: Tx,
  /** `language`: the session's, so every address hears of the change in the language it was made in. */
  notice: { kind: MethodNoticeKind; payload: MethodNoticePayload; language: Language },
  recipients: { before: AddressesOnRecord; after: AddressesOnRecord },
  at: string,
  withTexts: boolean,
): Promise<number> {
  const payload = JSON.stringify(notice.payload);
  const emails = distinct([...recipients.before.emails, ...recipients.after.emails]);
  const phones = withTexts ? distinct([...recipients.before.phones, ...recipients.after.phones]) : [];
  const { kind, language } = notice;
  for (const recipient of emails) await outboxRows.add(tx, { kind, channel: 'email', recipient, payload, language }, at);
  for (const recipient of phones) await outboxRows.add(tx, { kind, channel: 'sms', recipient, payload, language }, at);
  return emails.length + phones.length;
}

/** One per address, compared without case (an address typed in another case is the same mailbox). */
function distinct(values: string[]): string[] {
  const seen = new Set<string>();
  return values.filter((value) => {
    const key = value.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
