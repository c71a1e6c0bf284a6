import { afterEach, expect, it } from 'vitest';
import { fail } from '../../../shared/ipc/result.js';
import { codeIn, valueOf, type TestKiosk } from '../../support/core-kiosk.js';
import { rowsOf } from '../../support/database-dump.js';
import { describeEachDirectory } from '../../support/directory-backends.js';
import type { TestPerson } from '../../support/directory-server.js';
import { createRecordingEmailSender } from '../../support/recording-email.js';
import { createTempDirs } from '../../support/temp-dirs.js';
import { waitUntil } from '../../support/wait-until.js';

/**
 * One suite, three back ends: every journey that touches the directory runs against the kiosk's own
 * store, a real OpenLDAP (slapd with ppolicy, over StartTLS) and a real Samba AD DC (over LDAPS), and
 * the directory itself is asked afterwards whether the password, lock and status are what the kiosk
 * said. Both servers are set to a 14-character minimum, longer than the kiosk's 12.
 */
const dirs = createTempDirs();
const opened: TestKiosk[] = [];
afterEach(async () => {
  for (const t of opened.splice(0)) await t.kiosk.close();
  dirs.removeAll();
});

// Letters and digits only, 16 characters: the kiosk's rules and both directories' minimum hold.
const startPassword = 'Start7Pass9Word4';
const firstNew = 'Qm7vTx2pLr9wKz4n';
const secondNew = 'Bx5nJd8sHf3gWc6y';
// 13 characters: within the kiosk's 12-20, short of the directories' 14.
const shortForDirectory = 'Hq4xZt8mWp2rK';

let serial = 0;
function someone(stem: string): TestPerson {
  serial += 1;
  const username = `${stem}${serial}`;
  return { username, firstName: 'Iris', lastName: 'Lund', password: startPassword, email: `${username}@home.example` };
}

describeEachDirectory('the journeys against the organisation\'s directory', (open, kind) => {
  const directoryHasOwnMinimum = kind !== 'sqlite';

  async function kiosk() {
    const mail = createRecordingEmailSender();
    const { t, people } = await open({ dataDir: dirs.make(), email: mail.sender });
    opened.push(t);
    return { t, people, mail };
  }

  /** The code in the newest message to `address`, once the background delivery has sent it. */
  async function codeSentTo(t: TestKiosk, mail: ReturnType<typeof createRecordingEmailSender>, address: string, count: number): Promise<string> {
    await waitUntil(() => mail.sent.filter((message) => message.to === address && /^\s*\d{8}\s*$/m.test(message.text)).length >= count, `code ${count} reached ${address}`);
    await t.kiosk.settled();
    return codeIn(mail.sent.filter((message) => message.to === address && /^\s*\d{8}\s*$/m.test(message.text)).at(-1)!.text);
  }

  let codesSent = new Map<string, number>();
  afterEach(() => {
    codesSent = new Map();
  });

  async function proveByEmail(t: TestKiosk, mail: ReturnType<typeof createRecordingEmailSender>, purpose: 'reset' | 'unlock', person: TestPerson) {
    valueOf(await t.call('journey:begin', { purpose, username: person.username }));
    expect(valueOf(await t.call('code:choose', { method: 'email' }))).toMatchObject({ stage: 'code_sent', method: 'email' });
    const count = (codesSent.get(person.email!) ?? 0) + 1;
    codesSent.set(person.email!, count);
    const code = await codeSentTo(t, mail, person.email!, count);
    return valueOf(await t.call('code:verify', { code }));
  }

  const setPassword = (t: TestKiosk, password: string) => t.call('password:set', { password, confirmation: password });
  const signIn = (t: TestKiosk, person: TestPerson, password: string) => t.call('journey:signIn', { purpose: 'change', username: person.username, password });

  it('resets a forgotten password by a code to the personal email: the directory takes the new one, the old one stops working, a notice goes out', async () => {
    const { t, people, mail } = await kiosk();
    const person = someone('iris.reset');
    await people.addPerson(person);

    expect(await proveByEmail(t, mail, 'reset', person)).toMatchObject({ stage: 'new_password', purpose: 'reset' });
    expect(valueOf(await setPassword(t, firstNew))).toMatchObject({ stage: 'done', purpose: 'reset', outcome: 'changed' });

    expect(await people.bindsWith(person.username, firstNew)).toBe(true);
    expect(await people.bindsWith(person.username, startPassword)).toBe(false);
    await waitUntil(() => mail.sent.some((message) => message.to === person.email && /password was reset/i.test(message.subject)), 'the reset notice is sent');
    const events = (await rowsOf<{ event: string }>(t.kiosk.store, 'audit_log')).map((row) => row.event);
    expect(events).toEqual(expect.arrayContaining(['reset.begin', 'reset.code_checked', 'reset.password_change_started', 'reset.password_set']));
    expect(events).not.toContain('directory.unavailable');
  });

  it('refuses a password set at the kiosk before, as reused, and leaves the directory as it was', async () => {
    const { t, people, mail } = await kiosk();
    const person = someone('iris.history');
    await people.addPerson(person);
    await proveByEmail(t, mail, 'reset', person);
    valueOf(await setPassword(t, firstNew));
    valueOf(await t.call('session:startOver', {}));

    await proveByEmail(t, mail, 'reset', person);
    expect(await setPassword(t, firstNew)).toEqual(fail('PASSWORD_REJECTED', { rules: ['reused'] }));
    expect(valueOf(await t.call('session:get', {}))).toMatchObject({ stage: 'new_password' });
    expect(valueOf(await setPassword(t, secondNew))).toMatchObject({ outcome: 'changed' });
    expect(await people.bindsWith(person.username, secondNew)).toBe(true);
  });

  it(
    directoryHasOwnMinimum
      ? 'says in words that the directory refused a password its own rules do not allow, changes nothing, and takes the next one'
      : 'takes a 13-character password, which its own rules allow',
    async () => {
      const { t, people, mail } = await kiosk();
      const person = someone('iris.rules');
      await people.addPerson(person);
      await proveByEmail(t, mail, 'reset', person);
      if (!directoryHasOwnMinimum) {
        expect(valueOf(await setPassword(t, shortForDirectory))).toMatchObject({ outcome: 'changed' });
        return;
      }
      expect(await setPassword(t, shortForDirectory)).toEqual(fail('PASSWORD_REJECTED', { rules: ['directory_quality'] }));
      expect(await people.bindsWith(person.username, startPassword)).toBe(true);
      const intents = await rowsOf<{ state: string }>(t.kiosk.store, 'password_changes');
      expect(intents.map((row) => row.state)).toEqual(['abandoned']);
      // The refused password was never set: it is not history, so it is not "reused" later.
      expect(valueOf(await setPassword(t, firstNew))).toMatchObject({ outcome: 'changed' });
      expect(await people.bindsWith(person.username, firstNew)).toBe(true);
    },
  );

  it('changes a known password; changing it back to the one it replaced is refused as reused', async () => {
    const { t, people } = await kiosk();
    const person = someone('iris.change');
    await people.addPerson(person);

    expect(valueOf(await signIn(t, person, startPassword))).toMatchObject({ stage: 'new_password', purpose: 'change' });
    expect(valueOf(await setPassword(t, firstNew))).toMatchObject({ stage: 'done', outcome: 'changed' });
    expect(await people.bindsWith(person.username, firstNew)).toBe(true);
    valueOf(await t.call('session:startOver', {}));

    valueOf(await signIn(t, person, firstNew));
    expect(await setPassword(t, startPassword)).toEqual(fail('PASSWORD_REJECTED', { rules: ['reused'] }));
    expect(await people.bindsWith(person.username, firstNew)).toBe(true);
  });

  it('unlocks an account the directory locked, by a code, without changing its password', async () => {
    const { t, people, mail } = await kiosk();
    const person = someone('iris.unlock');
    await people.addPerson(person);
    await people.lockPerson(person.username);
    expect(await people.isLocked(person.username)).toBe(true);

    expect(await proveByEmail(t, mail, 'unlock', person)).toMatchObject({ stage: 'done', purpose: 'unlock', outcome: 'unlocked' });
    expect(await people.isLocked(person.username)).toBe(false);
    expect(await people.bindsWith(person.username, startPassword)).toBe(true);
  });

  it('locks the account after the directory\'s number of wrong current passwords; the right one then hears "locked"; a reset unlocks it', async () => {
    const { t, people, mail } = await kiosk();
    const person = someone('iris.lockout');
    await people.addPerson(person);

    for (let attempt = 0; attempt < people.lockoutThreshold; attempt += 1) {
      expect(await signIn(t, person, `Wrong${attempt}Password${attempt}x`)).toEqual(fail('SIGN_IN_FAILED'));
    }
    expect(await people.isLocked(person.username)).toBe(true);
    expect(await signIn(t, person, startPassword)).toEqual(fail('ACCOUNT_LOCKED'));

    await proveByEmail(t, mail, 'reset', person);
    valueOf(await setPassword(t, firstNew));
    expect(await people.isLocked(person.username)).toBe(false);
    valueOf(await t.call('session:startOver', {}));
    expect(valueOf(await signIn(t, person, firstNew))).toMatchObject({ stage: 'new_password' });
  });

  it('names a disabled account only to someone with its password, and sends its reset no code', async () => {
    const { t, people, mail } = await kiosk();
    const person = someone('iris.disabled');
    await people.addPerson(person);
    await people.disablePerson(person.username);

    expect(await signIn(t, person, startPassword)).toEqual(fail('ACCOUNT_DISABLED'));
    // ppolicy refuses every bind to an administratively locked entry alike: OpenLDAP cannot tell a
    // right password from a wrong one there, so it names the state to both (as every directory does
    // for a lock); the store and AD check the password first.
    expect(await signIn(t, person, 'Wrong1Password2x')).toEqual(fail(kind === 'ldap' ? 'ACCOUNT_DISABLED' : 'SIGN_IN_FAILED'));

    valueOf(await t.call('journey:begin', { purpose: 'reset', username: person.username }));
    expect(valueOf(await t.call('code:choose', { method: 'email' }))).toMatchObject({ stage: 'code_sent' });
    await t.kiosk.settled();
    expect(mail.sent.filter((message) => message.to === person.email)).toEqual([]);
    const notSent = (await rowsOf<{ event: string; detail: string }>(t.kiosk.store, 'audit_log')).filter((row) => row.event === 'reset.code_not_sent');
    expect(notSent.map((row) => JSON.parse(row.detail).reason)).toEqual(['account_disabled']);
  });

  it('finds nobody for a name that is an LDAP filter, and answers as for any unknown name', async () => {
    const { t, people, mail } = await kiosk();
    const person = someone('iris.filter');
    await people.addPerson(person);
    for (const hostile of ['*', `${person.username.slice(0, 5)}*`, ')(uid=*', '*)(|(uid=*', '\\2a']) {
      valueOf(await t.call('session:startOver', {}));
      valueOf(await t.call('journey:begin', { purpose: 'reset', username: hostile }));
      expect(valueOf(await t.call('code:choose', { method: 'email' }))).toMatchObject({ stage: 'code_sent', delivery: 'pending' });
    }
    await t.kiosk.settled();
    expect(mail.sent).toEqual([]);
    const notSent = (await rowsOf<{ event: string; detail: string }>(t.kiosk.store, 'audit_log')).filter((row) => row.event === 'reset.code_not_sent');
    expect(notSent.map((row) => JSON.parse(row.detail).reason)).toEqual(Array(5).fill('no_account'));
    valueOf(await t.call('session:startOver', {}));
    expect(await t.call('journey:signIn', { purpose: 'change', username: '*', password: startPassword })).toEqual(fail('SIGN_IN_FAILED'));
  });
});
