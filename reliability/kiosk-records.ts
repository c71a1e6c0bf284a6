import type { Kiosk } from '../electron/core/kiosk.js';
import { rowsOf } from '../test/support/database-dump.js';
import type { TranscriptRecorder } from './figure.js';

/**
 * Hands a kiosk's audit trail, log and stored hashes to the secrets scan once its background work has
 * settled (a delivery still running would audit after the rows were read). The caller closes it.
 */
export async function recordKiosk(kiosk: Kiosk, logLines: readonly string[], recorder: TranscriptRecorder): Promise<void> {
  await kiosk.settled();
  for (const row of await rowsOf(kiosk.store, 'audit_log')) recorder.seen('audit', JSON.stringify(row));
  for (const line of logLines) recorder.seen('log', line);
  for (const table of ['accounts', 'password_history'] as const) {
    for (const row of await rowsOf<{ password_hash: string }>(kiosk.store, table)) recorder.secret('hash', row.password_hash);
  }
  for (const row of await rowsOf<{ code_hash: string }>(kiosk.store, 'challenges')) recorder.secret('hash', row.code_hash);
}
