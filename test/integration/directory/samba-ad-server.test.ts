import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Attribute, BerWriter, Change, Client, Control, ResultCodeError } from 'ldapts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sambaAdStartTimeoutMs, startSambaAd, unicodePwd, type SambaAdServer } from '../../support/samba-ad-server.js';

// One Samba for the file (each start costs seconds); the last tests stop it and start one with StartTLS.
let ad: SambaAdServer;
let startedInMs = 0;
beforeAll(async () => {
  const started = Date.now();
  ad = await startSambaAd();
  startedInMs = Date.now() - started;
}, sambaAdStartTimeoutMs);
afterAll(() => ad?.stop());

const lockFile = path.join(os.tmpdir(), 'sspr-samba-ad.lock');
const alice = { username: 'alice', firstName: 'Alice', lastName: 'Example', password: 'Alice-first-pass-1', email: 'alice@home.example', mobile: '+447700900001' };

function ldaps(server: SambaAdServer): Client {
  return new Client({ url: 'ldaps://127.0.0.1:636', tlsOptions: { ca: readFileSync(server.caFile), servername: String(server.directoryConfig.servername) }, timeout: 10_000 });
}

/** Bound as kiosk-svc with the password from the env the harness hands the kiosk. */
async function asService<T>(server: SambaAdServer, work: (client: Client) => Promise<T>): Promise<T> {
  const client = ldaps(server);
  try {
    await client.bind(String(server.directoryConfig.bindDn), server.env[String(server.directoryConfig.bindPasswordEnv)]!);
    return await work(client);
  } finally {
    await client.unbind().catch(() => undefined);
  }
}

async function failure(promise: Promise<unknown>): Promise<ResultCodeError> {
  const error = await promise.then(() => undefined, (reason: unknown) => reason);
  expect(error).toBeInstanceOf(ResultCodeError);
  return error as ResultCodeError;
}

const setPassword = (dn: string, password: string, controls?: Control) =>
  (client: Client) => client.modify(dn, new Change({ operation: 'replace', modification: new Attribute({ type: 'unicodePwd', values: [unicodePwd(password)] }) }), controls);

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

describe('startSambaAd', () => {
  it('serves LDAPS with a certificate for localhost from the CA file, started in seconds', async () => {
    console.info(`Samba AD DC ready in ${startedInMs} ms`);
    expect(startedInMs).toBeLessThan(sambaAdStartTimeoutMs);
    expect(ad.directoryConfig).toMatchObject({ kind: 'active-directory', url: 'ldaps://127.0.0.1:636', startTls: false, servername: 'localhost', baseDn: 'CN=Users,DC=kiosk,DC=test', policyHints: true });
    expect(ad.caFile).toBe(ad.directoryConfig.caFile);
    const root = await asService(ad, (client) => client.search('', { scope: 'base', attributes: ['defaultNamingContext', 'dnsHostName'] }));
    expect(root.searchEntries[0]).toMatchObject({ defaultNamingContext: 'DC=kiosk,DC=test', dnsHostName: 'dc1.kiosk.test' });
  });

  it('applies the test password policy to the domain', async () => {
    const { searchEntries } = await asService(ad, (client) =>
      client.search('DC=kiosk,DC=test', { scope: 'base', attributes: ['minPwdLength', 'pwdHistoryLength', 'lockoutThreshold', 'lockoutDuration', 'pwdProperties', 'minPwdAge'] }));
    expect(searchEntries[0]).toMatchObject({ minPwdLength: '14', pwdHistoryLength: '5', lockoutThreshold: '5', pwdProperties: '0', minPwdAge: '0', lockoutDuration: String(-30 * 60 * 10_000_000) });
    expect(ad.lockoutThreshold).toBe(5);
  });

  it('adds a person the service account can find, with names, personal email and mobile', async () => {
    await ad.addPerson(alice);
    const { searchEntries } = await asService(ad, (client) =>
      client.search(String(ad.directoryConfig.baseDn), { scope: 'sub', filter: '(sAMAccountName=alice)', attributes: ['givenName', 'sn', 'otherMailbox', 'mobile', 'userPrincipalName', 'userAccountControl'] }));
    expect(searchEntries).toHaveLength(1);
    expect(searchEntries[0]).toMatchObject({ dn: ad.dnOf('alice'), givenName: 'Alice', sn: 'Example', otherMailbox: 'alice@home.example', mobile: '+447700900001', userPrincipalName: 'alice@kiosk.test', userAccountControl: '512' });
    expect(await ad.bindsWith('alice', alice.password)).toBe(true);
    expect(await ad.bindsWith('alice', 'Alice-wrong-pass-1')).toBe(false);
  });

  it('lets the service account reset passwords and write lockoutTime, and nothing else it was not given', async () => {
    await ad.addPerson({ ...alice, username: 'svc-rights', email: undefined, mobile: undefined });
    const dn = ad.dnOf('svc-rights');
    await asService(ad, setPassword(dn, 'Rights-new-pass-1'));
    expect(await ad.bindsWith('svc-rights', 'Rights-new-pass-1')).toBe(true);
    await asService(ad, (client) => client.modify(dn, new Change({ operation: 'replace', modification: new Attribute({ type: 'lockoutTime', values: ['0'] }) })));
    const refused = await failure(asService(ad, (client) => client.modify(dn, new Change({ operation: 'replace', modification: new Attribute({ type: 'mail', values: ['x@example.org'] }) }))));
    expect(refused.code).toBe(50); // insufficientAccessRights
    const disable = await failure(asService(ad, (client) => client.modify(dn, new Change({ operation: 'replace', modification: new Attribute({ type: 'userAccountControl', values: ['514'] }) }))));
    expect(disable.code).toBe(50);
  });

  it('refuses a 13-character password (minimum 14) and the policy-hints control (Samba 4.17 lacks it)', async () => {
    await ad.addPerson({ ...alice, username: 'policy', email: undefined, mobile: undefined });
    const dn = ad.dnOf('policy');
    const tooShort = await failure(asService(ad, setPassword(dn, 'Thirteen-char')));
    expect(tooShort.code).toBe(19);
    expect(tooShort.message).toMatch(/0000052D.*too short/);
    class PolicyHints extends Control {
      constructor() {
        super('1.2.840.113556.1.4.2239', { critical: true });
      }
      override writeControl(writer: BerWriter) {
        const value = new BerWriter();
        value.startSequence();
        value.writeInt(1);
        value.endSequence();
        writer.writeBuffer(value.buffer, 0x04);
      }
    }
    const hints = await failure(asService(ad, setPassword(dn, 'Policy-new-pass-1', new PolicyHints())));
    expect(hints.code).toBe(12); // unavailableCriticalExtension
    expect(await ad.bindsWith('policy', alice.password)).toBe(true);
  });

  it('locks a person with wrong passwords past the threshold, and disables one', async () => {
    await ad.addPerson({ ...alice, username: 'locked', email: undefined, mobile: undefined });
    expect(await ad.isLocked('locked')).toBe(false);
    await ad.lockPerson('locked');
    expect(await ad.isLocked('locked')).toBe(true);
    expect(await ad.bindsWith('locked', alice.password)).toBe(false);
    const client = ldaps(ad);
    const locked = await failure(client.bind(ad.dnOf('locked'), alice.password));
    await client.unbind();
    expect(locked.message).toMatch(/data 775/);

    await ad.addPerson({ ...alice, username: 'disabled', email: undefined, mobile: undefined });
    await ad.disablePerson('disabled');
    expect(await ad.bindsWith('disabled', alice.password)).toBe(false);
    const uac = await ad.asAdmin((admin) => admin.search(ad.dnOf('disabled'), { scope: 'base', attributes: ['userAccountControl'] }));
    expect(Number(uac.searchEntries[0]!.userAccountControl) & 2).toBe(2);
  });

  it('holds the machine-wide lock: a second start waits and gives up while this one runs', async () => {
    expect(readFileSync(lockFile, 'utf8')).toBe(String(process.pid));
    await expect(startSambaAd({ lockTimeoutMs: 300 })).rejects.toThrow(/waiting for the lock/);
    expect(await portOpen(636)).toBe(true);
  });

  it('stops by pid with no process left, folder removed and lock released; StartTLS on 389 works too', async () => {
    const pid = ad.pid!;
    const dir = ad.dir;
    // The pid is Samba's own (setpriv exec'd it), so SIGTERM reaches Samba.
    expect(readlinkSync(`/proc/${pid}/exe`)).toMatch(/\/samba$/);
    await ad.stop();
    expect(existsSync(`/proc/${pid}`)).toBe(false);
    const children = readdirSync('/proc').filter((entry) => /^\d+$/.test(entry) && readFileSync(`/proc/${entry}/stat`, 'utf8').includes(`) S ${pid} `));
    expect(children).toEqual([]);
    expect(existsSync(dir)).toBe(false);
    expect(existsSync(lockFile)).toBe(false);
    expect(await portOpen(636)).toBe(false);

    const started = Date.now();
    ad = await startSambaAd({ startTls: true });
    console.info(`Samba AD DC (template cached) ready in ${Date.now() - started} ms`);
    expect(ad.directoryConfig).toMatchObject({ url: 'ldap://127.0.0.1:389', startTls: true });
    const client = new Client({ url: 'ldap://127.0.0.1:389', timeout: 10_000 });
    try {
      await client.startTLS({ ca: readFileSync(ad.caFile), servername: 'localhost' });
      await client.bind(String(ad.directoryConfig.bindDn), ad.env.KIOSK_DIRECTORY_PASSWORD!);
      const found = await client.search(String(ad.directoryConfig.baseDn), { scope: 'sub', filter: '(sAMAccountName=alice)' });
      // A fresh copy of the template: the people added above are gone.
      expect(found.searchEntries).toEqual([]);
    } finally {
      await client.unbind();
    }
  }, sambaAdStartTimeoutMs);
});
