import { recordAlone, type AuditTrail } from '../audit/audit-trail.js';
import type { Directory } from '../ports.js';
import type { Store } from '../store/store.js';
import { isDirectoryUnavailable } from './directory-errors.js';

/**
 * Every time the organisation's directory cannot be used, one audit record says so (which operation,
 * why), whichever journey asked; the error then goes on to the person as DIRECTORY_UNAVAILABLE. The
 * record names no account: it is about the service, and the journey's own records say who was there.
 */
export function auditedDirectory(directory: Directory, deps: { store: Store; audit: AuditTrail; log: (line: string) => void }): Directory {
  const record = recordAlone(deps);
  const guard =
    <A extends unknown[], R>(operation: string, call: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await call(...args);
      } catch (error) {
        if (isDirectoryUnavailable(error)) {
          deps.log(`directory ${operation}: ${error.message}`);
          await record({
            event: 'directory.unavailable',
            outcome: 'failed',
            detail: { operation, reason: error.reason, ...(error.maybeApplied ? { maybeApplied: true } : {}) },
          }).catch((auditError: unknown) => deps.log(`directory ${operation}: audit record not written (${String(auditError)})`));
        }
        throw error;
      }
    };
  return {
    probe: guard('probe', directory.probe.bind(directory)),
    findAccount: guard('find', directory.findAccount.bind(directory)),
    signIn: guard('sign_in', directory.signIn.bind(directory)),
    verifyPassword: guard('verify', directory.verifyPassword.bind(directory)),
    setPassword: guard('set_password', directory.setPassword.bind(directory)),
    passwordHashes: guard('password_hashes', directory.passwordHashes.bind(directory)),
    passwordChangedAt: guard('password_changed_at', directory.passwordChangedAt.bind(directory)),
    isLocked: guard('is_locked', directory.isLocked.bind(directory)),
    unlock: guard('unlock', directory.unlock.bind(directory)),
  };
}
