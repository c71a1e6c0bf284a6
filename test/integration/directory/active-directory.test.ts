import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Attribute, Change } from 'ldapts';
import { activeDirectorySchema, type ActiveDirectoryConfig } from '../../../shared/config/directory-config-schema.js';
import { createActiveDirectory } from '../../../electron/core/directory/active-directory/active-directory.js';
import { createDirectoryPeople } from '../../../electron/core/directory/directory-people.js';
import { DirectoryRefusedPasswordError, DirectoryUnavailableError } from '../../../electron/core/directory/directory-errors.js';
import { ldapPoolFor, type LdapPool } from '../../../electron/core/directory/ldap/ldap-pool.js';
import type { Directory } from '../../../electron/core/ports.js';
import type { Store } from '../../../electron/core/store/store.js';
import { openTestStore } from '../../support/core-store.js';
import { sambaAdStartTimeoutMs, startSambaAd, type SambaAdServer } from '../../support/samba-ad-server.js';
import { makeSelfSignedCert } from '../../support/self-signed-cert.js';
import { createTempDirs } from '../../support/temp-dirs.js';
import { createTestClock } from '../../support/test-clock.js';
import { waitUntil } from '../../support/wait-until.js';
import type { TestPerson } from '../../support/directory-server.js';

// One Samba AD DC for the whole file (a start costs seconds); each test uses people of its own.
const dirs = createTempDirs();
const clock = createTestClock();
const logs: string[] = [];
const pools: LdapPool[] = [];
let ad: SambaAdServer;
let store: Store;
let directory: Directory;

function connector(overrides: Partial<ActiveDirectoryConfig> = {}, env = ad.env): Directory {
  const config = activeDirectorySchema.parse({ ...ad.directoryConfig, ...overrides });
  const pool = ldapPoolFor(config, env);
  pools.push(pool);
  const people = createDirectoryPeople(store, clock, { blockedEmailDomains: ['kiosk.test'], defaultRegion: 'GB' });
  return createActiveDirectory({ config, pool, people, clock, log: (line) => logs.push(line) });
}

beforeAll(async () => {
  ad = await startSambaAd();
  store = await openTestStore(dirs.make());
  directory = connector();
}, sambaAdStartTimeoutMs);

afterAll(async () => {
  await Promise.all(pools.map((pool) => pool.close()));
  await store?.close();
  await ad?.stop();
  dirs.removeAll();
});

function person(username: string, extra: Partial<TestPerson> = {}): TestPerson {
  return { username, firstName: 'Pat', lastName: `Person-${username}`, password: `${username}-first-Pass-1`, ...extra };
}

/** Adds the person to AD and finds them through the connector: their shadow account id. */
async function added(username: string, extra: Partial<TestPerson> = {}): Promise<{ id: number; password: string }> {
  const who = person(username, extra);
  await ad.addPerson(who);
  const record = await directory.findAccount(username);
  expect(record).not.toBeNull();
  return { id: record!.id, password: who.password };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.fail('expected a rejection'),
    (error: unknown) => error,
  );
}

const setByAdmin = (username: string, type: string, value: string) =>
  ad.asAdmin((client) => client.modify(ad.dnOf(username), new Change({ operation: 'replace', modification: new Attribute({ type, values: [value] }) })));

describe('Active Directory connector against Samba AD', () => {
  it('finds a person with names, personal email and mobile, and keeps them as one shadow account', async () => {
    await ad.addPerson({ username: 'alice', firstName: 'Alice', lastName: 'Example', password: 'Alice-first-pass-1', email: 'alice@home.example', mobile: '07400 123456' });
    const found = await directory.findAccount('alice');
    expect(found).toMatchObject({ username: 'alice', firstName: 'Alice', lastName: 'Example', status: 'active', locked: false });
    // AD names are case-insensitive; the shadow keeps the directory's own spelling.
    expect(await directory.findAccount('ALICE')).toMatchObject({ id: found!.id, username: 'alice' });
    const contacts = await store.read((db) => db.selectFrom('contact_methods').select(['kind', 'value', 'source']).where('account_id', '=', found!.id).orderBy('kind').execute());
    expect(contacts).toEqual([
      { kind: 'email', value: 'alice@home.example', source: 'directory' },
      { kind: 'phone', value: '+447400123456', source: 'directory' },
    ]);
  });

  it('finds nobody for unknown, empty and hostile names, nor when two people match', async () => {
    await ad.addPerson(person('bobby'));
    for (const hostile of ['nobody', '', ' ', '*', 'bob*', ')(sAMAccountName=*', '*)(|(sAMAccountName=*', 'bobby\u0000', 'bobby\u0000x', '\u0000', 'bob\nby', 'bobby\t', 'bobby)(', '\\2a', 'x'.repeat(300)]) {
      expect(await directory.findAccount(hostile), JSON.stringify(hostile)).toBeNull();
    }
    // A computer account has a sAMAccountName too (the DC's is DC1$): never a person.
    const wholeDomain = connector({ baseDn: 'DC=kiosk,DC=test' });
    expect(await wholeDomain.findAccount('DC1$')).toBeNull();
    // Two people behind one filter value: nobody rather than a guess (Samba ignores sizeLimit 2).
    await ad.addPerson(person('twin-one', { mobile: '+447700900555' }));
    await ad.addPerson(person('twin-two', { mobile: '+447700900555' }));
    const byMobile = connector({ userFilter: '(mobile={username})' });
    expect(await byMobile.findAccount('+447700900555')).toBeNull();
    expect(await byMobile.findAccount('07400 123456')).toMatchObject({ username: 'alice' });
  });

  it('signs in: ok, wrong, locked, disabled, and "must change" counts as the right password', async () => {
    const { id, password } = await added('signer');
    expect(await directory.signIn(id, password)).toBe('ok');
    expect(await directory.signIn(id, 'signer-wrong-Pass-1')).toBe('wrong');
    // An empty password would be an unauthenticated bind, which LDAP lets succeed.
    expect(await directory.signIn(id, '')).toBe('wrong');
    expect(await directory.verifyPassword(id, password)).toBe(true);
    expect(await directory.verifyPassword(id, 'nope')).toBe(false);

    await setByAdmin('signer', 'pwdLastSet', '0'); // "must change password at next logon": data 773
    expect(await directory.signIn(id, password)).toBe('ok');
    expect(await directory.signIn(id, 'signer-wrong-Pass-1')).toBe('wrong');

    const locked = await added('locked-out');
    await ad.lockPerson('locked-out');
    expect(await directory.signIn(locked.id, locked.password)).toBe('locked');
    // AD says 775 whatever the password: "locked" does not prove the password right.
    expect(await directory.signIn(locked.id, 'locked-out-wrong-1')).toBe('locked');
    expect(await directory.findAccount('locked-out')).toMatchObject({ id: locked.id, locked: true });

    const disabled = await added('switched-off');
    await ad.disablePerson('switched-off');
    expect(await directory.signIn(disabled.id, disabled.password)).toBe('disabled');
    // Samba says 52e (wrong) to a wrong password on a disabled account: nothing given away.
    expect(await directory.signIn(disabled.id, 'switched-off-wrong-1')).toBe('wrong');
    expect(await directory.findAccount('switched-off')).toMatchObject({ id: disabled.id, status: 'disabled' });
  });

  it('sets a password (policy hints refused by Samba: retried without, said once), moving pwdLastSet', async () => {
    const { id, password } = await added('changer');
    const before = await directory.passwordChangedAt(id);
    expect(before).toBeInstanceOf(Date);
    expect(Math.abs(before!.getTime() - Date.now())).toBeLessThan(5 * 60_000);
    await new Promise((resolve) => setTimeout(resolve, 20));

    const hintsLogged = () => logs.filter((line) => line.includes('policy-hints')).length;
    await directory.setPassword(id, 'changer-second-Pass-2');
    expect(hintsLogged()).toBe(1);
    expect(await ad.bindsWith('changer', 'changer-second-Pass-2')).toBe(true);
    expect(await ad.bindsWith('changer', password)).toBe(false);
    const after = await directory.passwordChangedAt(id);
    expect(after!.getTime()).toBeGreaterThan(before!.getTime());

    await directory.setPassword(id, 'changer-third-Pass-33');
    expect(hintsLogged()).toBe(1);
    expect(await directory.signIn(id, 'changer-third-Pass-33')).toBe('ok');
    expect(logs.join('\n')).not.toContain('changer-');

    await setByAdmin('changer', 'pwdLastSet', '0');
    expect(await directory.passwordChangedAt(id)).toBeNull();
  });

  it('without policy hints configured, sets the password at once and logs nothing', async () => {
    const { id } = await added('no-hints');
    const plain = connector({ policyHints: false });
    const logged = logs.length;
    await plain.setPassword(id, 'no-hints-second-Pass-2');
    expect(logs.length).toBe(logged);
    expect(await ad.bindsWith('no-hints', 'no-hints-second-Pass-2')).toBe(true);
  });

  it('turns the directory refusing a 13-character password into directory_quality, changing nothing', async () => {
    const { id, password } = await added('shorty');
    const changedAt = await directory.passwordChangedAt(id);
    const error = await rejection(directory.setPassword(id, 'Thirteen-chr1'));
    expect(error).toBeInstanceOf(DirectoryRefusedPasswordError);
    expect((error as DirectoryRefusedPasswordError).rules).toEqual(['directory_quality']);
    expect((error as DirectoryRefusedPasswordError).reason).toMatch(/too short/);
    expect((error as DirectoryRefusedPasswordError).reason).not.toContain('Thirteen-chr1');
    expect(await ad.bindsWith('shorty', password)).toBe(true);
    expect(await directory.passwordChangedAt(id)).toEqual(changedAt);
  });

  it('unlocks, and a password reset unlocks too', async () => {
    const first = await added('unlock-me');
    await ad.lockPerson('unlock-me');
    expect(await directory.isLocked(first.id)).toBe(true);
    await directory.unlock(first.id);
    expect(await directory.isLocked(first.id)).toBe(false);
    expect(await ad.isLocked('unlock-me')).toBe(false);
    expect(await directory.signIn(first.id, first.password)).toBe('ok');

    const second = await added('reset-me');
    await ad.lockPerson('reset-me');
    expect(await ad.isLocked('reset-me')).toBe(true);
    await directory.setPassword(second.id, 'reset-me-second-Pass-2');
    expect(await ad.isLocked('reset-me')).toBe(false);
    expect(await directory.signIn(second.id, 'reset-me-second-Pass-2')).toBe('ok');
  });

  it('has no password hashes to give: AD keeps them', async () => {
    const { id } = await added('hashless');
    expect(await directory.passwordHashes(id, 'all')).toEqual([]);
  });

  it('works over StartTLS on 389 as well as LDAPS', async () => {
    const overStartTls = connector({ url: 'ldap://127.0.0.1:389', startTls: true });
    const found = await overStartTls.findAccount('alice');
    expect(found).toMatchObject({ username: 'alice' });
    expect(await overStartTls.signIn(found!.id, 'Alice-first-pass-1')).toBe('ok');
  });

  it('says unavailable: tls for a certificate the CA file did not sign, refused_login for a wrong service password', async () => {
    const other = makeSelfSignedCert(dirs.make(), 'other');
    const wrongCa = await rejection(connector({ caFile: other.certFile }).findAccount('alice'));
    expect(wrongCa).toBeInstanceOf(DirectoryUnavailableError);
    expect((wrongCa as DirectoryUnavailableError).reason).toBe('tls');

    const wrongName = await rejection(connector({ servername: 'dc1.kiosk.test' }).findAccount('alice'));
    expect((wrongName as DirectoryUnavailableError).reason).toBe('tls');

    const envName = String(ad.directoryConfig.bindPasswordEnv);
    const refused = await rejection(connector({}, { [envName]: 'not-the-service-password' }).findAccount('alice'));
    expect(refused).toBeInstanceOf(DirectoryUnavailableError);
    expect((refused as DirectoryUnavailableError).reason).toBe('refused_login');
  });

  it('says unavailable (protocol) when the service account lacks the rights it needs, changing nothing', async () => {
    const { id, password } = await added('guarded');
    // A plain person as the "service account": may read, may not reset or unlock others.
    await ad.addPerson(person('not-a-service'));
    const envName = String(ad.directoryConfig.bindPasswordEnv);
    const weak = connector({ bindDn: ad.dnOf('not-a-service') }, { [envName]: person('not-a-service').password });
    const reset = await rejection(weak.setPassword(id, 'guarded-second-Pass-2'));
    expect(reset).toBeInstanceOf(DirectoryUnavailableError);
    expect((reset as DirectoryUnavailableError).reason).toBe('protocol');
    expect((reset as DirectoryUnavailableError).maybeApplied).toBe(false);
    const unlock = await rejection(weak.unlock(id));
    expect((unlock as DirectoryUnavailableError).reason).toBe('protocol');
    expect(await ad.bindsWith('guarded', password)).toBe(true);
  });

  it('sees a lockout end when the domain lockout duration has passed, though lockoutTime stays set', async () => {
    const { id, password } = await added('short-lock');
    const domainPolicy = (seconds: number) =>
      ad.asAdmin((client) =>
        client.modify('DC=kiosk,DC=test', [
          new Change({ operation: 'replace', modification: new Attribute({ type: 'lockoutDuration', values: [String(-seconds * 10_000_000)] }) }),
          new Change({ operation: 'replace', modification: new Attribute({ type: 'lockOutObservationWindow', values: [String(-seconds * 10_000_000)] }) }),
        ]),
      );
    await domainPolicy(2);
    try {
      await ad.lockPerson('short-lock');
      expect(await directory.isLocked(id)).toBe(true);
      // Polled: Samba may take a moment to see the domain's new duration.
      await waitUntil(async () => !(await directory.isLocked(id)), 'the 2-second lockout has ended', 15_000);
      const raw = await ad.asAdmin((client) => client.search(ad.dnOf('short-lock'), { scope: 'base', attributes: ['lockoutTime'] }));
      expect(Number(raw.searchEntries[0]!.lockoutTime)).toBeGreaterThan(0);
      expect(await directory.signIn(id, password)).toBe('ok');
    } finally {
      await domainPolicy(30 * 60);
    }
  });

  // Last: it stops the file's server.
  it('says unavailable: unreachable once the directory has stopped', async () => {
    const { id } = await added('last-one');
    await ad.stop();
    const find = await rejection(directory.findAccount('alice'));
    expect(find).toBeInstanceOf(DirectoryUnavailableError);
    expect((find as DirectoryUnavailableError).reason).toBe('unreachable');
    const signIn = await rejection(directory.signIn(id, 'whatever-Pass-1'));
    expect((signIn as DirectoryUnavailableError).reason).toBe('unreachable');
  });
});
