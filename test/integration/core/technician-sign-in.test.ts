import { afterEach, expect, it } from 'vitest';
import { demoTechnician } from '../../../electron/core/demo/demo-technician.js';
import { appCodeAt } from '../../support/authenticator-app.js';
import { describeEachBackend } from '../../support/backends.js';
import { startTestKiosk, valueOf, type TestKiosk } from '../../support/core-kiosk.js';
import { rowsOf } from '../../support/database-dump.js';
import { createTempDirs } from '../../support/temp-dirs.js';

const dirs = createTempDirs();
let t: TestKiosk | undefined;
afterEach(async () => {
  await t?.kiosk.close();
  t = undefined;
  dirs.removeAll();
});

const { username, password, totpSecret } = demoTechnician;
/** Another app's secret: its codes are well-formed but wrong for the demo technician. */
const otherSecret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const failed = { ok: false, error: { code: 'TECHNICIAN_SIGN_IN_FAILED' } };

const codeNow = (kiosk: TestKiosk, secret: string = totpSecret) => appCodeAt(secret, kiosk.clock.now());
const signIn = (kiosk: TestKiosk, input: { username?: string; password?: string; code?: string } = {}) =>
  kiosk.call('technician:signIn', { username, password, code: codeNow(kiosk), ...input });

interface AuditRow {
  event: string;
  outcome: string;
  actor: string | null;
  username: string | null;
  name_key: string | null;
  detail: string;
}
const auditOf = async (kiosk: TestKiosk, event: string) => (await rowsOf<AuditRow>(kiosk.kiosk.store, 'audit_log')).filter((row) => row.event === event);
const reasons = async (kiosk: TestKiosk) => (await auditOf(kiosk, 'technician.sign_in')).map((row) => [row.outcome, JSON.parse(row.detail).reason ?? null]);

describeEachBackend('technician sign-in', (backend) => {
  it('signs the demo technician in with password and app code, and audits it with the technician as actor', async () => {
    t = await startTestKiosk({ dataDir: dirs.make(), backend });
    const view = valueOf(await signIn(t, { username: 'Desk.Demo' }));
    expect(view).toMatchObject({ signedIn: true, technician: { username, displayName: demoTechnician.displayName }, idleSeconds: 180, person: null });
    expect(await t.kiosk.technician.session.isOpen()).toBe(true);
    expect(valueOf(await t.call('technician:get', {}))).toEqual(view);
    const [row] = await auditOf(t, 'technician.sign_in');
    expect(row).toMatchObject({ outcome: 'ok', actor: `technician:${username}`, username: null, name_key: t.kiosk.pseudonym(username) });
  });

  it('gives one answer for a wrong password, a wrong or replayed code, an unknown name and a disabled technician', async () => {
    t = await startTestKiosk({ dataDir: dirs.make(), backend });
    expect(await signIn(t, { password: `${password}x` })).toEqual(failed);
    expect(await signIn(t, { code: codeNow(t, otherSecret) })).toEqual(failed);
    expect(await signIn(t, { username: 'desk.nobody' })).toEqual(failed);
    // The right code once, then the same code again (the same 30 s): the second is a replay.
    const code = codeNow(t);
    expect(valueOf(await signIn(t, { code })).signedIn).toBe(true);
    valueOf(await t.call('technician:signOut', {}));
    expect(await signIn(t, { code })).toEqual(failed);
    // Disabled (by the admin command's code path): right password and a fresh code are refused alike.
    expect(await t.kiosk.technician.accounts.disable(username, 'admin')).toBe(true);
    t.clock.advance({ seconds: 30 });
    expect(await signIn(t)).toEqual(failed);
    expect(valueOf(await t.call('technician:get', {}))).toEqual({ signedIn: false });
    expect(await reasons(t)).toEqual([
      ['refused', 'wrong_password'],
      ['refused', 'wrong_code'],
      ['refused', 'unknown_name'],
      ['ok', null],
      ['refused', 'replayed_code'],
      ['refused', 'disabled'],
    ]);
    // Refusals name no technician: only the typed name's pseudonym.
    for (const row of (await auditOf(t, 'technician.sign_in')).filter((row) => row.outcome === 'refused')) expect(row.actor).toBeNull();
  });

  it('blocks a name after technicianSignIns.limit wrong sign-ins, right credentials included, until the block ends', async () => {
    t = await startTestKiosk({ dataDir: dirs.make(), backend });
    const { limit, blockMinutes } = t.kiosk.config.throttle.technicianSignIns;
    for (let i = 1; i < limit; i += 1) expect(await signIn(t, { code: codeNow(t, otherSecret) })).toEqual(failed);
    const blocked = await signIn(t, { password: 'wrong-Password-1' });
    expect(blocked).toEqual({
      ok: false,
      error: { code: 'TOO_MANY_ATTEMPTS', details: { retryAfterSeconds: blockMinutes * 60, until: new Date(t.clock.now().getTime() + blockMinutes * 60_000).toISOString() } },
    });
    // While blocked: the right password and code are refused too, whatever the case of the name.
    t.clock.advance({ minutes: blockMinutes - 1 });
    expect(await signIn(t)).toMatchObject({ ok: false, error: { code: 'TOO_MANY_ATTEMPTS', details: { retryAfterSeconds: 60 } } });
    expect(await signIn(t, { username: 'DESK.DEMO' })).toMatchObject({ ok: false, error: { code: 'TOO_MANY_ATTEMPTS' } });
    expect(await t.kiosk.technician.session.isOpen()).toBe(false);
    // Another name is not blocked by this one's failures.
    expect(await signIn(t, { username: 'desk.other' })).toEqual(failed);
    t.clock.advance({ minutes: 1 });
    expect(valueOf(await signIn(t)).signedIn).toBe(true);
    expect((await reasons(t)).filter(([, reason]) => reason === 'throttled')).toHaveLength(2);
  });

  it('ends an open session at the next step once the technician is disabled (by the admin command, on any kiosk)', async () => {
    t = await startTestKiosk({ dataDir: dirs.make(), backend });
    valueOf(await signIn(t));
    expect(valueOf(await t.call('technician:stillHere', {})).signedIn).toBe(true);
    expect(await t.kiosk.technician.accounts.disable(username, 'admin')).toBe(true);
    expect(await t.call('technician:lookup', { username: 'amira.khan' })).toEqual({ ok: false, error: { code: 'TECHNICIAN_REQUIRED' } });
    expect(valueOf(await t.call('technician:get', {}))).toEqual({ signedIn: false });
    const [ended] = await auditOf(t, 'technician.disabled_ended');
    expect(ended).toMatchObject({ outcome: 'ok', actor: `technician:${username}` });
    expect(await auditOf(t, 'technician.lookup')).toEqual([]);
  });

  it('never writes the password or the code into an audit record', async () => {
    t = await startTestKiosk({ dataDir: dirs.make(), backend });
    const typed: string[] = [password, `${password}x`];
    for (const attempt of [{ password: `${password}x` }, { code: codeNow(t, otherSecret) }, {}]) {
      const code = attempt.code ?? codeNow(t);
      typed.push(code);
      await signIn(t, { ...attempt, code });
      t.clock.advance({ seconds: 30 });
    }
    const rows = await rowsOf<AuditRow>(t.kiosk.store, 'audit_log');
    expect(rows.filter((row) => row.event === 'technician.sign_in')).toHaveLength(3);
    for (const row of rows) {
      // Every column a person could read (the chain hashes are hex and may hold any 6 digits by chance).
      const readable = JSON.stringify([row.event, row.outcome, row.actor, row.username, row.name_key, row.detail]);
      for (const secret of typed) expect(readable).not.toContain(secret);
      expect(readable).not.toMatch(/\b\d{6}\b/);
    }
  });

  it('signs the open session out first when someone signs in again, and reading the view is not activity', async () => {
    t = await startTestKiosk({ dataDir: dirs.make(), backend });
    valueOf(await signIn(t));
    t.clock.advance({ seconds: 120 });
    expect(valueOf(await t.call('technician:get', {})).signedIn).toBe(true);
    t.clock.advance({ seconds: 60 });
    // 180 s since the sign-in: reading the view in between did not keep the session alive.
    expect(valueOf(await t.call('technician:get', {}))).toEqual({ signedIn: false });
    t.clock.advance({ seconds: 30 });
    valueOf(await signIn(t));
    t.clock.advance({ seconds: 170 });
    expect(valueOf(await t.call('technician:stillHere', {})).signedIn).toBe(true);
    t.clock.advance({ seconds: 170 });
    expect(await t.kiosk.technician.session.isOpen()).toBe(true);
    // Signing in again (the same technician, a new code) ends the open session first.
    t.clock.advance({ seconds: 5 });
    valueOf(await signIn(t));
    const events = (await rowsOf<AuditRow>(t.kiosk.store, 'audit_log')).map((row) => `${row.event}:${row.outcome}`).filter((event) => event.startsWith('technician.'));
    expect(events).toEqual(['technician.sign_in:ok', 'technician.idle_ended:ok', 'technician.sign_in:ok', 'technician.signed_out:ok', 'technician.sign_in:ok']);
    expect(valueOf(await t.call('technician:signOut', {}))).toEqual({ signedIn: false });
    expect(await t.call('technician:stillHere', {})).toEqual({ ok: false, error: { code: 'TECHNICIAN_REQUIRED' } });
  });
});
