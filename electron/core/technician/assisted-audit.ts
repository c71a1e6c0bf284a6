import type { AuditTrail } from '../audit/audit-trail.js';
import type { AssistMark } from '../session/assist-mark.js';
import { usernameKeyOf } from '../store/username-key.js';

/**
 * While a technician's person-only step runs, every audit row the person's steps write about that
 * person (password set, unlock, code sent, method saved) names the technician as actor and carries the
 * ID document's type: the trail shows who vouched for the person, without any journey knowing of it.
 * Rows that name an actor already (the technician's own) and rows about anyone else are left alone.
 */
export function withAssistedActor(audit: AuditTrail, assisted: () => AssistMark | null): AuditTrail {
  return {
    record(tx, entry) {
      const mark = assisted();
      const named = entry.account ?? entry.typedName ?? null;
      if (mark === null || entry.actor !== undefined || named === null || usernameKeyOf(named) !== usernameKeyOf(mark.username)) return audit.record(tx, entry);
      return audit.record(tx, { ...entry, actor: mark.actor, detail: { ...entry.detail, idCheck: mark.document, assisted: mark.kind } });
    },
  };
}
