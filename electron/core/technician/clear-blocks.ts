import type { PersonBlock, TicketDetails } from '../../../shared/technician/technician-view.js';
import { enqueueAccountNotices } from '../notifications/enqueue-notices.js';
import type { AccountRecord } from '../ports.js';
import { throttleRows } from '../store/throttle-records.js';
import type { TechnicianCasesDeps } from './case-deps.js';
import { accountScopes, blocksInForce, throttleSubjects } from './person-summary.js';

/**
 * After an ID check in person: the person's self-service blocks and counted failures (wrong codes,
 * code requests) are cleared, as the admin command `throttle clear` does, so they can reset at once.
 * The person is told (a notice to every verified address) whenever anything was cleared; the audit row
 * names the technician and the document's type. Returns how many blocks were in force.
 */
export async function clearPersonBlocks(
  deps: TechnicianCasesDeps,
  input: { account: AccountRecord; ticket: TicketDetails | null; actor: string; document: string },
): Promise<number> {
  const { store, throttle, audit, clock, kiosk } = deps;
  const { account, actor, document } = input;
  const subjects = throttleSubjects(deps, account, input.ticket);
  const result = await store.run(async (tx) => {
    const now = clock.now();
    const blocks: PersonBlock[] = await blocksInForce(tx, subjects, now.getTime());
    let counted = 0;
    for (const subject of subjects) {
      for (const scope of accountScopes) {
        counted += (await throttleRows.windowAfter(tx, scope, subject, new Date(0).toISOString())).count;
        await throttle.reset(tx, scope, subject);
      }
    }
    const at = now.toISOString();
    const anything = blocks.length > 0 || counted > 0;
    const queued = anything
      ? await enqueueAccountNotices(tx, { accountId: account.id, kind: 'blocks_cleared', username: account.username, at, kioskId: kiosk.id, kioskLocation: kiosk.location, language: deps.walkUp.language() }, at, deps.textNotices)
      : 0;
    await audit.record(tx, {
      event: 'technician.blocks_cleared',
      account: account.username,
      outcome: 'ok',
      actor,
      detail: { idCheck: document, wereBlocked: blocks.map((block) => block.kind), countedCleared: counted, noticesQueued: queued },
    });
    return { cleared: blocks.length, queued };
  });
  if (result.queued > 0) deps.onNoticesQueued?.();
  return result.cleared;
}
