import { Attribute, Change } from 'ldapts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDirectoryRefusal, type DirectoryRefusedPasswordError } from '../../../electron/core/directory/directory-errors.js';
import type { Store } from '../../../electron/core/store/store.js';
import { openTestStore } from '../../support/core-store.js';
import { ldapConnectorFor, type LdapConnector } from '../../support/ldap-connector.js';
import { startSlapd, type SlapdServer } from '../../support/slapd-server.js';
import { createTempDirs } from '../../support/temp-dirs.js';
import { createTestClock, type TestClock } from '../../support/test-clock.js';

const dirs = createTempDirs();
let server: SlapdServer;
let store: Store;
let clock: TestClock;
let kiosk: LdapConnector;

beforeAll(async () => {
  server = await startSlapd();
  store = await openTestStore(dirs.make());
  // slapd stamps locks with the real time; the connector judges them by this clock.
  clock = createTestClock(new Date().toISOString());
  kiosk = ldapConnectorFor(server, store, clock);
});
afterAll(async () => {
  await kiosk?.pool.close();
  await store?.close();
  await server?.stop();
  dirs.removeAll();
});

const password = 'First-long-passw0rd';
let serial = 0;
/** A fresh person in the directory, found once through the connector (so the kiosk has their shadow id). */
async function person(extra: { email?: string; mobile?: string } = {}) {
  const username = `person${++serial}`;
  await server.addPerson({ username, firstName: 'Pat', lastName: `Number${serial}`, password, ...extra });
  const record = await kiosk.directory.findAccount(username);
  if (record === null) throw new Error(`${username} not found`);
  return { username, id: record.id };
}

async function refusal(promise: Promise<unknown>): Promise<DirectoryRefusedPasswordError> {
  const error = await promise.then(() => undefined, (reason: unknown) => reason);
  if (!isDirectoryRefusal(error)) throw new Error(`Expected a refusal, got ${String(error)}`);
  return error;
}

/** Which of `names` the person's entry holds values of, read as the admin (ldapts lists absent ones as []). */
const heldAttributes = (username: string, names: string[]) =>
  server.asAdmin(async (client) => {
    const entry: Record<string, unknown> = (await client.search(server.dnOf(username), { scope: 'base', attributes: names })).searchEntries[0] ?? {};
    return names.filter((name) => [entry[name] ?? []].flat().length > 0);
  });

describe('finding people', () => {
  it('reads names, mail and mobile through the mapping and links a shadow account with the directory contacts', async () => {
    await server.addPerson({ username: 'amara', firstName: 'Amara', lastName: 'Okafor', password, email: 'amara@home.test', mobile: '07400 123456' });

    const record = await kiosk.directory.findAccount('amara');

    expect(record).toEqual({ id: expect.any(Number), username: 'amara', firstName: 'Amara', lastName: 'Okafor', status: 'active', locked: false });
    const contacts = await store.read((db) =>
      db.selectFrom('contact_methods').select(['kind', 'value', 'source']).where('account_id', '=', record!.id).orderBy('kind').execute(),
    );
    expect(contacts).toEqual([
      { kind: 'email', value: 'amara@home.test', source: 'directory' },
      { kind: 'phone', value: '+447400123456', source: 'directory' },
    ]);
    // The same person again (typed in another case): the same shadow, in the directory's spelling.
    expect(await kiosk.directory.findAccount('AMARA')).toEqual(record);
  });

  it('finds nobody for an unknown name', async () => {
    expect(await kiosk.directory.findAccount('nobody-here')).toBeNull();
  });

  it('finds nobody for a username made of filter syntax, though such a filter unescaped would match everyone', async () => {
    await person();
    const everyone = await server.asAdmin((client) => client.search(server.peopleDn, { filter: '(uid=*)', attributes: ['uid'] }));
    expect(everyone.searchEntries.length).toBeGreaterThan(1);

    for (const hostile of ['*', ')(uid=*', 'person1)(|(uid=*', 'person*', '*)(objectClass=*', '\u0000', 'person1\u0000', '\\', '\\2a', '(uid=*)']) {
      expect(await kiosk.directory.findAccount(hostile), JSON.stringify(hostile)).toBeNull();
    }
  });

  it('uses the configured filter: a compound one still escapes the name (and keeps the name as typed)', async () => {
    await server.addPerson({ username: 'carmen', firstName: 'Carmen', lastName: 'Ruiz', password });
    const compound = ldapConnectorFor(server, store, clock, { config: { userFilter: '(&(objectClass=inetOrgPerson)(uid={username}))' } });
    try {
      expect(await compound.directory.findAccount('Carmen')).toMatchObject({ username: 'Carmen', firstName: 'Carmen', lastName: 'Ruiz' });
      expect(await compound.directory.findAccount('*')).toBeNull();
      expect(await compound.directory.findAccount('*)(objectClass=*')).toBeNull();
      expect(await compound.directory.findAccount('kiosk')).toBeNull(); // The service account: outside baseDn, and no uid.
    } finally {
      await compound.pool.close();
    }
  });

  it('finds nobody when two entries match the filter, and logs it', async () => {
    await server.addPerson({ username: 'twin', firstName: 'Tam', lastName: 'One', password });
    await server.asAdmin(async (client) => {
      await client.add(`ou=contractors,${server.peopleDn}`, { objectClass: ['organizationalUnit'], ou: 'contractors' });
      await client.add(`uid=twin,ou=contractors,${server.peopleDn}`, { objectClass: ['inetOrgPerson'], uid: 'twin', cn: 'Tam Two', sn: 'Two', givenName: 'Tam' });
    });

    expect(await kiosk.directory.findAccount('twin')).toBeNull();
    expect(kiosk.lines.some((line) => line.includes('treated as nobody'))).toBe(true);
    // Not the name as typed: it may be a password typed into the wrong box.
    expect(kiosk.lines.join('\n')).not.toContain('twin');

    // A third: more than the search's size limit of 2, which the server answers with sizeLimitExceeded.
    await server.asAdmin(async (client) => {
      await client.add(`ou=third,ou=contractors,${server.peopleDn}`, { objectClass: ['organizationalUnit'], ou: 'third' });
      await client.add(`uid=twin,ou=third,ou=contractors,${server.peopleDn}`, { objectClass: ['inetOrgPerson'], uid: 'twin', cn: 'Tam Three', sn: 'Three' });
    });
    kiosk.lines.length = 0;
    expect(await kiosk.directory.findAccount('twin')).toBeNull();
    expect(kiosk.lines).toEqual([`directory: more than one entry under ${server.peopleDn} matches the user filter for a typed name; treated as nobody (the filter is too wide)`]);
  });
});

describe('signing in', () => {
  it('says ok for the right password and wrong for a wrong or empty one', async () => {
    const { id } = await person();

    expect(await kiosk.directory.signIn(id, password)).toBe('ok');
    expect(await kiosk.directory.signIn(id, 'Not-the-passw0rd')).toBe('wrong');
    // An empty simple bind is an anonymous one, which slapd accepts: it must never count as a sign-in.
    expect(await kiosk.directory.signIn(id, '')).toBe('wrong');
    expect(await kiosk.directory.verifyPassword(id, '')).toBe(false);
    expect(await kiosk.directory.verifyPassword(id, password)).toBe(true);
  });

  it('says locked once the directory locked the account after its threshold, whatever the password', async () => {
    const { id, username } = await person();
    for (let i = 0; i < server.lockoutThreshold - 1; i++) expect(await kiosk.directory.signIn(id, `Wrong-passw0rd-${i}`)).toBe('wrong');
    expect(await server.isLocked(username)).toBe(false);

    // The wrong password that reaches the limit is answered as wrong (as AD does); the lock is said from the next one on.
    expect(await kiosk.directory.signIn(id, 'Wrong-passw0rd-last')).toBe('wrong');
    expect(await kiosk.directory.signIn(id, 'Wrong-passw0rd-after')).toBe('locked');

    expect(await server.isLocked(username)).toBe(true);
    expect(await kiosk.directory.signIn(id, password)).toBe('locked');
    expect(await kiosk.directory.isLocked(id)).toBe(true);
    expect((await kiosk.directory.findAccount(username))?.locked).toBe(true);
  });

  it('says disabled for an account an administrator locked, and the shadow says so too', async () => {
    const { id, username } = await person();
    await server.disablePerson(username);

    expect(await kiosk.directory.signIn(id, password)).toBe('disabled');
    expect(await kiosk.directory.signIn(id, 'Not-the-passw0rd')).toBe('disabled');
    expect(await kiosk.directory.isLocked(id)).toBe(false);
    expect(await kiosk.directory.findAccount(username)).toMatchObject({ status: 'disabled', locked: false });
  });

  it('takes a lock as over once the policy\'s pwdLockoutDuration has passed on the clock', async () => {
    const { id, username } = await person();
    await server.lockPerson(username);
    clock.set(new Date().toISOString()); // At or after slapd's stamp (whole seconds), whatever ran before.
    expect(await kiosk.directory.isLocked(id)).toBe(true);

    clock.advance({ seconds: 1801 });
    try {
      expect(await kiosk.directory.isLocked(id)).toBe(false);
      expect(await server.isLocked(username)).toBe(true); // The directory's time has not moved.
    } finally {
      clock.set(new Date().toISOString());
    }
  });
});

describe('setting passwords', () => {
  it('sets a password the person can then bind with, and passwordChangedAt follows the directory', async () => {
    const { id, username } = await person();
    expect(await kiosk.directory.passwordChangedAt(id)).toBeNull(); // Seeded by the rootdn: no change recorded yet.

    await kiosk.directory.setPassword(id, 'Second-long-passw0rd');

    expect(await server.bindsWith(username, 'Second-long-passw0rd')).toBe(true);
    expect(await server.bindsWith(username, password)).toBe(false);
    const first = await kiosk.directory.passwordChangedAt(id);
    expect(first).toBeInstanceOf(Date);
    expect(Math.abs(first!.getTime() - Date.now())).toBeLessThan(60_000);

    await new Promise((resolve) => setTimeout(resolve, 1100)); // pwdChangedTime has whole seconds.
    await kiosk.directory.setPassword(id, 'Third-long-passw0rd');
    expect((await kiosk.directory.passwordChangedAt(id))!.getTime()).toBeGreaterThan(first!.getTime());
    expect(await kiosk.directory.passwordHashes(id, 'all')).toEqual([]);
  });

  it('maps the directory\'s history refusal to reused, for an old password and the current one, and changes nothing', async () => {
    const { id, username } = await person();
    await kiosk.directory.setPassword(id, 'Second-long-passw0rd');

    const old = await refusal(kiosk.directory.setPassword(id, password));
    expect(old.rules).toEqual(['reused']);
    expect(old.reason).toBe('Password is in history of old passwords');
    expect((await refusal(kiosk.directory.setPassword(id, 'Second-long-passw0rd'))).rules).toEqual(['reused']);
    expect(await server.bindsWith(username, 'Second-long-passw0rd')).toBe(true);
  });

  it('maps a password shorter than the directory\'s pwdMinLength (13 characters) to directory_quality', async () => {
    const { id, username } = await person();

    const short = await refusal(kiosk.directory.setPassword(id, 'Thirteen-ch4r'));

    expect(short.rules).toEqual(['directory_quality']);
    expect(short.reason).toBe('Password fails quality checking policy');
    expect(await server.bindsWith(username, password)).toBe(true);
  });

  it('maps a change sooner than the policy\'s pwdMinAge to too_recent', async () => {
    const { id } = await person();
    const setMinAge = (operation: 'add' | 'delete') =>
      server.asAdmin((client) =>
        client.modify(server.policyDn, new Change({ operation, modification: new Attribute({ type: 'pwdMinAge', values: operation === 'add' ? ['3600'] : [] }) })),
      );
    await setMinAge('add');
    try {
      await kiosk.directory.setPassword(id, 'Second-long-passw0rd');
      const young = await refusal(kiosk.directory.setPassword(id, 'Third-long-passw0rd'));
      expect(young.rules).toEqual(['too_recent']);
      expect(young.reason).toMatch(/too young/i);
    } finally {
      await setMinAge('delete');
    }
  });

  it('unlocks a locked account by setting its password', async () => {
    const { id, username } = await person();
    await server.lockPerson(username);

    await kiosk.directory.setPassword(id, 'Second-long-passw0rd');

    expect(await server.isLocked(username)).toBe(false);
    expect(await kiosk.directory.isLocked(id)).toBe(false);
    expect(await server.bindsWith(username, 'Second-long-passw0rd')).toBe(true);
  });

  it('keeps a disabled account disabled when its password is set (ppolicy alone would drop the marker)', async () => {
    const { id, username } = await person();
    await server.disablePerson(username);

    await kiosk.directory.setPassword(id, 'Second-long-passw0rd');

    expect(await server.isDisabled(username)).toBe(true);
    expect(await server.bindsWith(username, 'Second-long-passw0rd')).toBe(false);
  });
});

describe('unlocking', () => {
  it('clears the lock and the counted failures, so one more wrong password does not lock again', async () => {
    const { id, username } = await person();
    await server.lockPerson(username);
    expect(await heldAttributes(username, ['pwdAccountLockedTime', 'pwdFailureTime'])).toEqual(['pwdAccountLockedTime', 'pwdFailureTime']);

    await kiosk.directory.unlock(id);

    expect(await server.isLocked(username)).toBe(false);
    expect(await heldAttributes(username, ['pwdAccountLockedTime', 'pwdFailureTime'])).toEqual([]);
    expect(await kiosk.directory.signIn(id, 'Not-the-passw0rd')).toBe('wrong');
    expect(await kiosk.directory.signIn(id, password)).toBe('ok');
  });

  it('also clears failures counted below the threshold (NO-USER-MODIFICATION: through the Relax control)', async () => {
    const { id, username } = await person();
    for (let i = 0; i < server.lockoutThreshold - 1; i++) expect(await kiosk.directory.signIn(id, `Wrong-passw0rd-${i}`)).toBe('wrong');
    expect(await heldAttributes(username, ['pwdAccountLockedTime', 'pwdFailureTime'])).toEqual(['pwdFailureTime']);

    await kiosk.directory.unlock(id);

    expect(await heldAttributes(username, ['pwdFailureTime'])).toEqual([]);
    for (let i = 0; i < server.lockoutThreshold - 1; i++) expect(await kiosk.directory.signIn(id, `Wrong-again-${i}`)).toBe('wrong');
    expect(await server.isLocked(username)).toBe(false);
  });

  it('leaves an administrator\'s lock alone, and does nothing to an account that is not locked', async () => {
    const disabled = await person();
    await server.disablePerson(disabled.username);
    const open = await person();

    await kiosk.directory.unlock(disabled.id);
    await kiosk.directory.unlock(open.id);

    expect(await server.isDisabled(disabled.username)).toBe(true);
    expect(await server.bindsWith(open.username, password)).toBe(true);
  });
});
