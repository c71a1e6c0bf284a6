import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, InvalidCredentialsError } from 'ldapts';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { sweepLeftoverSlapdDirs } from '../../support/slapd-process.js';
import { startSlapd, type SlapdServer } from '../../support/slapd-server.js';
import { waitUntil } from '../../support/wait-until.js';
import { orphanOfKilledParent } from '../../support/orphan-fixture.js';
import { processGone } from '../../support/process-alive.js';

let server: SlapdServer;
beforeAll(async () => {
  server = await startSlapd();
});
afterAll(() => server?.stop());

const alice = { username: 'alice', firstName: 'Alice', lastName: 'Ashdown', password: 'Alice-first-passw0rd', email: 'alice@home.test', mobile: '+447400100001' };


/** A client of the service account, over StartTLS with the server's CA, as the kiosk would connect. */
async function asService<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ url: `ldap://127.0.0.1:${server.ports.ldap}` });
  try {
    await client.startTLS({ ca: readFileSync(server.caFile), servername: 'localhost' });
    await client.bind(server.service.dn, server.service.password);
    return await fn(client);
  } finally {
    await client.unbind().catch(() => undefined);
  }
}

describe('throwaway slapd', () => {
  it('describes itself as the kiosk would be configured for it', () => {
    expect(server.kind).toBe('ldap');
    expect(server.lockoutThreshold).toBe(5);
    expect(server.directoryConfig).toMatchObject({
      kind: 'ldap',
      url: `ldap://127.0.0.1:${server.ports.ldap}`,
      startTls: true,
      caFile: server.caFile,
      servername: 'localhost',
      bindDn: 'cn=kiosk,ou=services,dc=kiosk,dc=test',
      bindPasswordEnv: 'KIOSK_DIRECTORY_PASSWORD',
      baseDn: 'ou=people,dc=kiosk,dc=test',
      passwordPolicyDn: 'cn=default,ou=policies,dc=kiosk,dc=test',
      attributes: { firstName: 'givenName', lastName: 'sn', email: 'mail', mobile: 'mobile' },
    });
    expect(server.configFor('ldaps')).toMatchObject({ url: `ldaps://127.0.0.1:${server.ports.ldaps}`, startTls: false });
    expect(server.env).toEqual({ KIOSK_DIRECTORY_PASSWORD: server.service.password });
    expect(server.caFile.startsWith(server.dir)).toBe(true);
  });

  it('adds a person the service account finds over StartTLS, with a password the overlay hashed', async () => {
    await server.addPerson(alice);

    const found = await asService((client) => client.search(server.peopleDn, { filter: '(uid=alice)', attributes: ['givenName', 'sn', 'cn', 'mail', 'mobile'] }));
    expect(found.searchEntries).toEqual([
      { dn: 'uid=alice,ou=people,dc=kiosk,dc=test', givenName: 'Alice', sn: 'Ashdown', cn: 'Alice Ashdown', mail: 'alice@home.test', mobile: '+447400100001' },
    ]);
    const stored = await server.asAdmin((client) => client.search(server.dnOf('alice'), { scope: 'base', attributes: ['userPassword'] }));
    const hash = stored.searchEntries[0]?.userPassword;
    expect(String(hash)).toMatch(/^\{SSHA\}/);
    expect(await server.bindsWith('alice', alice.password)).toBe(true);
  });

  it('answers LDAPS with the same certificate; the service account reads people and the policy, not hashes or other branches', async () => {
    const client = new Client({ url: `ldaps://127.0.0.1:${server.ports.ldaps}`, tlsOptions: { ca: readFileSync(server.caFile), servername: 'localhost' } });
    try {
      await client.bind(server.service.dn, server.service.password);
      const services = await client.search(`ou=services,${server.suffix}`, { scope: 'sub' }).catch((error: unknown) => error);
      expect(services).toMatchObject({ code: 32 }); // noSuchObject: slapd hides what may not be read
      const person = await client.search(server.dnOf('alice'), { scope: 'base', attributes: ['uid', 'userPassword'] });
      expect(person.searchEntries).toEqual([{ dn: server.dnOf('alice'), uid: 'alice', userPassword: [] }]);
      const policy = await client.search(server.policyDn, { scope: 'base', attributes: ['pwdLockoutDuration', 'pwdMaxFailure', 'pwdMinLength'] });
      expect(policy.searchEntries[0]).toMatchObject({ pwdLockoutDuration: '1800', pwdMaxFailure: '5', pwdMinLength: '14' });
    } finally {
      await client.unbind();
    }
  });

  it('refuses a wrong service password and a wrong person password with code 49', async () => {
    const client = new Client({ url: `ldap://127.0.0.1:${server.ports.ldap}` });
    await expect(client.bind(server.service.dn, 'not-the-password')).rejects.toBeInstanceOf(InvalidCredentialsError);
    await client.unbind();
    await server.addPerson({ ...alice, username: 'bruno', email: 'bruno@home.test' });
    expect(await server.bindsWith('bruno', 'not-the-password')).toBe(false);
    expect(await server.isLocked('bruno')).toBe(false);
  });

  it('locks a person after the threshold of wrong binds: then even the right password fails', async () => {
    await server.addPerson({ ...alice, username: 'carla' });

    await server.lockPerson('carla');

    expect(await server.isLocked('carla')).toBe(true);
    expect(await server.isDisabled('carla')).toBe(false);
    expect(await server.bindsWith('carla', alice.password)).toBe(false);
  });

  it('disables a person with the administrator marker: locked for binds, not counted as a lockout', async () => {
    await server.addPerson({ ...alice, username: 'dmitri' });

    await server.disablePerson('dmitri');

    expect(await server.isDisabled('dmitri')).toBe(true);
    expect(await server.isLocked('dmitri')).toBe(false);
    expect(await server.bindsWith('dmitri', alice.password)).toBe(false);
  });

  it('survives a restart on the same ports with its data', async () => {
    const before = server.pid!;
    await server.restart();
    expect(server.pid).not.toBe(before);
    expect(processGone(before)).toBe(true);
    expect(await server.bindsWith('alice', alice.password)).toBe(true);
  });

  it('stops by pid and removes its folder; a second stop is harmless', async () => {
    const other = await startSlapd({ transport: 'ldaps' });
    const pid = other.pid!;
    expect(processGone(pid)).toBe(false);
    expect(readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')).toContain('/usr/sbin/slapd');
    expect(other.directoryConfig).toMatchObject({ url: `ldaps://127.0.0.1:${other.ports.ldaps}`, startTls: false });
    expect(other.ports.ldap).not.toBe(server.ports.ldap);

    await other.stop();

    expect(processGone(pid)).toBe(true);
    expect(existsSync(other.dir)).toBe(false);
    await other.stop();
  });

  it('sweeps the folder an earlier, killed test process left behind, and only that one', () => {
    // 2^22 + 1 is above Linux's largest pid, so no process owns it.
    const orphan = mkdtempSync(path.join(os.tmpdir(), `sspr-slapd-${2 ** 22 + 1}-`));
    writeFileSync(path.join(orphan, 'slapd.pid'), `${process.pid}\n`);

    sweepLeftoverSlapdDirs();

    expect(existsSync(orphan)).toBe(false);
    expect(existsSync(server.dir)).toBe(true);
    expect(processGone(process.pid)).toBe(false);
  });

  it('takes slapd down with a test process that is killed, and the next start sweeps its folder', async () => {
    // A folder of its own: other test processes' starts sweep the usual one and could win the race.
    const baseDir = mkdtempSync(path.join(os.tmpdir(), 'sspr-orphan-slapd-test-'));
    onTestFinished(() => rmSync(baseDir, { recursive: true, force: true }));
    const orphan = await orphanOfKilledParent(new URL('./fixtures/orphaned-slapd.ts', import.meta.url), baseDir);
    expect(orphan.ranBeforeKill).toBe(true);
    await waitUntil(() => processGone(orphan.pid), 'the orphaned slapd is gone');
    expect(existsSync(orphan.dir)).toBe(true);
    sweepLeftoverSlapdDirs(baseDir);
    expect(existsSync(orphan.dir)).toBe(false);
  });
});
