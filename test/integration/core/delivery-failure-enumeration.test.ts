import { afterEach, expect, it } from 'vitest';
import type { SessionView } from '../../../shared/flow/stages.js';
import type { Result } from '../../../shared/ipc/result.js';
import { describeEachBackend, type Backend } from '../../support/backends.js';
import { startTestKiosk, valueOf, type TestKiosk } from '../../support/core-kiosk.js';
import { rowsOf } from '../../support/database-dump.js';
import { createRecordingEmailSender } from '../../support/recording-email.js';
import { createTempDirs } from '../../support/temp-dirs.js';

const dirs = createTempDirs();
const kiosks: TestKiosk[] = [];
afterEach(async () => {
  for (const kiosk of kiosks.splice(0)) await kiosk.kiosk.close();
  dirs.removeAll();
});

/** amira.khan is registered; chloe.martin has an account but no address; nobody.here does not exist. */
const names = ['amira.khan', 'chloe.martin', 'nobody.here'] as const;

const kioskFor = new Map<string, TestKiosk>();

interface Observed {
  request: Result<SessionView>;
  afterDelivery: Result<SessionView>;
  resend: Result<SessionView>;
  throttleEvents: number;
}

/** What a stranger at the kiosk can observe for one typed name, with the mail relay in a given state. */
async function observe(backend: Backend, username: string, relay: 'down' | 'refuses_recipient'): Promise<Observed> {
  // Every send fails either way; only the relay's own health (its probe) differs.
  const mail = createRecordingEmailSender('fail');
  mail.setRelayDown(relay === 'down');
  const t = await startTestKiosk({ dataDir: dirs.make(), backend, email: mail.sender });
  kiosks.push(t);
  kioskFor.set(username, t);
  valueOf(await t.call('journey:begin', { purpose: 'reset', username }));
  const request = await t.call('code:choose', { method: 'email' });
  await t.kiosk.settled();
  const afterDelivery = await t.call('session:get', {});
  const resend = await t.call('code:resend', {});
  await t.kiosk.settled();
  const subject = t.kiosk.pseudonym(username);
  const throttleEvents = (await rowsOf(t.kiosk.store, 'throttle_events')).filter((row) => row['subject'] === subject).length;
  return { request, afterDelivery, resend, throttleEvents };
}

describeEachBackend('what a stranger sees while mail is failing does not depend on whether the account exists', (backend) => {
  it('relay down: everyone is told codes cannot be sent right now, and nobody\u2019s limits are spent', async () => {
    const seen = await Promise.all(names.map((name) => observe(backend, name, 'down')));
    for (const observed of seen) expect(observed).toEqual(seen[0]);
    expect(valueOf(seen[0]!.afterDelivery)).toMatchObject({ stage: 'code_sent', delivery: 'failed' });
    // The next request is refused at once, contacting nobody, for everyone alike.
    expect(seen[0]!.resend).toMatchObject({ ok: false, error: { code: 'DELIVERY_UNAVAILABLE' } });
    expect(seen[0]!.throttleEvents).toBe(0);
  });

  it('one recipient refused: everyone still sees "on its way", and the refusal is audited for the desk only', async () => {
    const seen = await Promise.all(names.map((name) => observe(backend, name, 'refuses_recipient')));
    for (const observed of seen) expect(observed).toEqual(seen[0]);
    expect(valueOf(seen[0]!.afterDelivery)).toMatchObject({ stage: 'code_sent', delivery: 'pending' });
    expect(valueOf(seen[0]!.resend)).toMatchObject({ stage: 'code_sent', delivery: 'pending' });
    expect(seen[0]!.throttleEvents).toBe(2);

    const registered = kioskFor.get('amira.khan')!;
    const failures = (await rowsOf<{ event: string; username: string | null; detail: string }>(registered.kiosk.store, 'audit_log')).filter(
      (row) => row.event === 'reset.code_send_failed',
    );
    expect(failures).toHaveLength(2);
    expect(failures[0]!.username).toBe('amira.khan');
    expect(JSON.parse(failures[0]!.detail)).toMatchObject({ method: 'email', errorClass: 'unknown' });
  });
});
