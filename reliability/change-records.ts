import { loopAccounts, noticeRecipients, seedHistory } from './children/reset-loop-plan.js';
import { withDatabaseFile } from './database-checks.js';

/** One loop account's password changes and what they left: each owes one audit row, and a notice to every verified address. */
export interface ChangeRecords {
  username: string;
  /** Changes the directory made: its history rows beyond the seed's. */
  changes: number;
  /** Its reset.password_set audit rows. */
  audited: number;
  /** Its queued password_reset notices. */
  notices: number;
  /** The notices one change owes. */
  recipients: number;
}

/**
 * After a start (whose recovery has run): the changes still pending, and the records of every change
 * to the reset loop's accounts. Read through a connection of its own, so the kiosk may still be running.
 */
export function changeRecordsOf(file: string): { pending: number; accounts: ChangeRecords[] } {
  return withDatabaseFile(file, (db) => {
    const count = (query: string, ...values: unknown[]) => (db.prepare(query).get(...values) as { n: number }).n;
    const pending = count("select count(*) as n from password_changes where state = 'pending'");
    const accounts = loopAccounts.map((username) => {
      const id = (db.prepare('select id from accounts where username = ?').get(username) as { id: number }).id;
      return {
        username,
        changes: count('select count(*) as n from password_history where account_id = ?', id) - seedHistory(username),
        audited: count("select count(*) as n from audit_log where event = 'reset.password_set' and username = ?", username),
        notices: count("select count(*) as n from outbox where kind = 'password_reset' and json_extract(payload, '$.username') = ?", username),
        recipients: noticeRecipients(username),
      };
    });
    return { pending, accounts };
  });
}
