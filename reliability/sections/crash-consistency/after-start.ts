import { changeRecordsOf } from '../../change-records.js';
import { auditChainOf } from '../../database-checks.js';
import type { CrashLoop } from './crash-loop-state.js';

/** After a start (recovery done) and before the child goes on: every change has its records. */
export async function checkAfterStart(loop: CrashLoop): Promise<void> {
  const { file, model, result, problem } = loop;
  result.postStartChecks += 1;
  const seen = changeRecordsOf(file);
  result.pendingAfterStart += seen.pending;
  if (seen.pending > 0) problem(`${seen.pending} change(s) still pending after start ${result.postStartChecks}`);
  for (const row of seen.accounts) {
    const account = model.get(row.username)!;
    const { changes, recipients } = row;
    if (changes !== account.changes) {
      result.unaccounted += Math.abs(changes - account.changes);
      problem(`${row.username}: ${changes} changes in the directory, ${account.changes} by the journal`);
    }
    const missingAudit = Math.max(0, changes - row.audited);
    const missingNotices = Math.max(0, changes * recipients - row.notices);
    const missing = Math.max(missingAudit, Math.ceil(missingNotices / Math.max(1, recipients)));
    const extra = Math.max(0, row.audited - changes) + Math.max(0, row.notices - changes * recipients);
    result.missingRecords += missing;
    result.duplicateRecords += extra;
    if (missing + extra > 0) problem(`${row.username}: ${changes} changes, ${row.audited} password_set rows, ${row.notices} notices after start ${result.postStartChecks}`);
  }
  const chain = await auditChainOf(file);
  if (!chain.ok) {
    result.chainProblems += 1;
    problem(`audit chain: ${chain.problem?.message ?? 'broken'}`);
  }
}
