import type { Writable } from 'node:stream';
import { createThrottle, type AccountScope } from '../../electron/core/throttle/throttle.js';
import { accountRows } from '../../electron/core/store/accounts.js';
import type { Clock } from '../../electron/core/ports.js';
import { systemClock } from '../../electron/core/system.js';
import { parseFlags, UsageError } from './args.js';
import { openDeployment } from './open-deployment.js';

export const throttleUsage = ['throttle clear --config FILE --username NAME --checked ID-CHECK   clears a person\'s self-service blocks after an ID check'];

const accountScopes: readonly AccountScope[] = ['failedProofs', 'emailSends', 'smsSends'];

/**
 * After the desk has checked someone's identity in person, their self-service blocks (wrong codes,
 * too many code requests) are cleared so they can reset at once instead of waiting out 24 hours.
 * The clearing is audited with the kind of ID check, never a document number.
 */
export async function runThrottleClear(
  args: readonly string[],
  env: Record<string, string | undefined>,
  output: Writable,
  clock: Clock = systemClock,
): Promise<number> {
  const flags = parseFlags(args, ['config', 'username', 'checked']);
  const username = flags.get('username');
  const checked = flags.get('checked');
  if (username === undefined) throw new UsageError('--username NAME is required');
  if (checked === undefined || !/^[a-z][a-z0-9_-]{1,40}$/.test(checked)) {
    throw new UsageError('--checked is required: the kind of ID check done in person, e.g. --checked student-card (no document numbers)');
  }
  const deployment = await openDeployment(flags.get('config'), env, clock);
  try {
    const throttle = createThrottle({ clock, rules: deployment.config.throttle });
    const cleared = await deployment.store.run(async (tx) => {
      const account = await accountRows.findByUsername(tx, username);
      const subjects = new Set([deployment.pseudonym(username), ...(account === null ? [] : [deployment.pseudonym(account.username)])]);
      const blocked: string[] = [];
      for (const subject of subjects) {
        for (const scope of accountScopes) {
          if ((await throttle.status(tx, scope, subject)).blocked) blocked.push(scope);
          await throttle.reset(tx, scope, subject);
        }
      }
      await deployment.audit.record(tx, {
        event: 'desk.blocks_cleared',
        typedName: username,
        account: account?.username ?? null,
        outcome: 'ok',
        actor: 'admin',
        detail: { idCheck: checked, wereBlocked: [...new Set(blocked)] },
      });
      return [...new Set(blocked)];
    });
    output.write(`${JSON.stringify({ cleared: true, wereBlocked: cleared })}\n`);
    return 0;
  } finally {
    await deployment.close();
  }
}
