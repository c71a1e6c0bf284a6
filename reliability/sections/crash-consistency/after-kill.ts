import { existsSync, readFileSync } from 'node:fs';
import argon2 from 'argon2';
import { parseJournal, passwordFor, seedPassword, type JournalEntry } from '../../children/reset-loop-plan.js';
import { integrityOf, withDatabaseFile } from '../../database-checks.js';
import type { CrashLoop } from './crash-loop-state.js';

const passwordOf = (username: string, n: number) => (n < 0 ? seedPassword(username) : passwordFor(n));

/** After a kill: the file is sound, and each password is the last completed one or the one in flight. */
export async function checkAfterKill(loop: CrashLoop): Promise<void> {
  const { journalPath, file, model, result, problem } = loop;
  const entries = existsSync(journalPath) ? parseJournal(readFileSync(journalPath, 'utf8')) : [];
  const fresh = entries.slice(loop.journalDone);
  loop.journalDone = entries.length;
  if (!existsSync(file)) {
    result.beforeDatabase += 1;
    if (fresh.length > 0) problem(`the database is gone, but the journal has ${fresh.length} new entries`);
    return;
  }
  const seen = withDatabaseFile(file, (db) => {
    const integrity = integrityOf(db);
    const hasAccounts = db.prepare("select count(*) as n from sqlite_master where type = 'table' and name = 'accounts'").get() as { n: number };
    const hashes = hasAccounts.n === 0 ? [] : (db.prepare('select username, password_hash as hash from accounts').all() as { username: string; hash: string }[]);
    const pending = hasAccounts.n === 0 ? [] : (db.prepare("select username from password_changes where state = 'pending'").all() as { username: string }[]);
    return { integrity, hashes: new Map(hashes.map((row) => [row.username, row.hash])), pending: new Set(pending.map((row) => row.username)) };
  });
  if (seen.integrity !== 'ok') {
    result.integrityFailures += 1;
    problem(`integrity_check after kill ${result.kills}: ${seen.integrity.slice(0, 160)}`);
  }
  let inFlightHere = false;
  for (const [username, account] of model) {
    const mine = fresh.filter((entry: JournalEntry) => entry.username === username);
    let lastDone: number | null = null;
    let inFlight: number | null = null;
    for (const entry of mine) {
      if (entry.kind === 'about') inFlight = entry.n;
      else {
        if (entry.n === inFlight) inFlight = null;
        result.resetsCompleted += 1;
        if (entry.outcome === 'changed' || entry.outcome === 'changed_records_pending') {
          lastDone = entry.n;
          account.changes += 1;
        } else result.unexpectedOutcomes += 1;
      }
    }
    const hash = seen.hashes.get(username);
    if (hash === undefined) {
      if (mine.length > 0 || account.changes > 0) problem(`${username} is missing from the database after kill ${result.kills}`);
      continue;
    }
    const expected = lastDone ?? account.current;
    if (inFlight !== null) inFlightHere = true;
    const intent = seen.pending.has(username);
    if (await argon2.verify(hash, passwordOf(username, expected))) {
      account.current = expected;
      if (inFlight !== null) {
        result.inFlight.unchanged += 1;
        result.stages[intent ? 'intent written, directory not' : 'before the intent was written'] += 1;
      }
    } else if (inFlight !== null && (await argon2.verify(hash, passwordOf(username, inFlight)))) {
      account.current = inFlight;
      account.changes += 1;
      result.inFlight.changed += 1;
      result.stages[intent ? 'directory written, records not' : 'records written, Done not shown'] += 1;
    } else {
      result.neitherOldNorNew += 1;
      problem(`after kill ${result.kills}, ${username}'s password is neither #${expected} nor ${inFlight === null ? 'one in flight' : `#${inFlight}`}`);
    }
  }
  if (inFlightHere) result.inFlight.kills += 1;
}
