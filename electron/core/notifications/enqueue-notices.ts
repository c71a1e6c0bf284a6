import type { Language } from '../../../shared/i18n/languages.js';
import type { AccountNoticeKind } from '../mail/templates.js';
import { contactRows } from '../store/contacts.js';
import { outboxRows } from '../store/outbox-rows.js';
import type { Tx } from '../store/store.js';

export interface AccountNotice {
  accountId: number;
  kind: AccountNoticeKind;
  username: string;
  /** When it happened (ISO), and where. */
  at: string;
  kioskId: string;
  kioskLocation: string;
  /** The language it is written in: the session's when it was caused there, else the kiosk's default. */
  language: Language;
}

/**
 * Queues a notice to every verified address of the account, email and mobile alike (security.md 15):
 * someone registered by mobile only must hear of a change too. Part of the caller's transaction, so
 * a change is never recorded without its notices. Returns how many were queued.
 */
export async function enqueueAccountNotices(tx: Tx, notice: AccountNotice, at: string, withTexts: boolean): Promise<number> {
  const payload = JSON.stringify({ username: notice.username, at: notice.at, kioskId: notice.kioskId, kioskLocation: notice.kioskLocation });
  const emails = await contactRows.verified(tx, notice.accountId, 'email');
  const phones = withTexts ? await contactRows.verified(tx, notice.accountId, 'phone') : [];
  const { kind, language } = notice;
  for (const recipient of emails) await outboxRows.add(tx, { kind, channel: 'email', recipient, payload, language }, at);
  for (const recipient of phones) await outboxRows.add(tx, { kind, channel: 'sms', recipient, payload, language }, at);
  return emails.length + phones.length;
}
