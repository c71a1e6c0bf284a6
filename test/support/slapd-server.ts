import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Change, Attribute, Client } from 'ldapts';
import { bindSucceeds } from './ldap-bind.js';
import type { TestDirectoryServer, TestPerson } from './directory-server.js';
import { configLdif, slapdPolicy, treeLdif, type SlapdLayout } from './slapd-config.js';
import { launchSlapd, programs, run, slapdDirPrefix, sweepLeftoverSlapdDirs, type SlapdPorts, type SlapdProcess } from './slapd-process.js';

export type SlapdTransport = 'starttls' | 'ldaps';

export interface StartSlapdOptions {
  /** How `directoryConfig` reaches the server: StartTLS on ldap:// (default) or ldaps://. Both listen either way. */
  transport?: SlapdTransport;
  /** The directory's suffix; default dc=kiosk,dc=test. */
  suffix?: string;
  /** Where the temp folder goes (and which folder is swept of leftovers); default the OS temp folder. */
  baseDir?: string;
}

export interface SlapdServer extends TestDirectoryServer {
  kind: 'ldap';
  /** The temp folder (slapd.d, data, cert, key); removed by stop(). */
  readonly dir: string;
  readonly ports: SlapdPorts;
  readonly suffix: string;
  readonly peopleDn: string;
  readonly policyDn: string;
  /** The rootdn: for seeding and ground truth only (ppolicy does not judge it). */
  readonly admin: { dn: string; password: string };
  /** The kiosk's service account (also in directoryConfig / env). */
  readonly service: { dn: string; password: string };
  readonly pid: number | undefined;
  /** directoryConfig for the other transport, from the same server. */
  configFor(transport: SlapdTransport): Record<string, unknown>;
  dnOf(username: string): string;
  /** Administratively locked (pwdAccountLockedTime 000001010000Z). */
  isDisabled(username: string): Promise<boolean>;
  /** Runs `fn` with a client bound as the rootdn over plain LDAP on loopback. */
  asAdmin<T>(fn: (client: Client) => Promise<T>): Promise<T>;
  /** Stops slapd (SIGTERM, then SIGKILL) but keeps its folder and ports for restart(). */
  stopProcess(): Promise<void>;
  restart(): Promise<void>;
}

/** ppolicy's "locked by an administrator, until an administrator unlocks it". */
export const disabledMarker = '000001010000Z';
const lockAttributes = ['pwdAccountLockedTime'];

// A test that threw past stop() or forgot it: the daemon module kills slapd on exit, this removes the folder.
const liveDirs = new Set<string>();
process.once('exit', () => liveDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/**
 * A throwaway OpenLDAP (slapd 2.5) with the ppolicy overlay and TLS on 127.0.0.1, in its own temp
 * folder: `const server = await startSlapd(); afterAll(() => server.stop())`. About 0.3 s to ready.
 * The tree holds ou=people (empty), the default policy (slapdPolicy) and the kiosk's service account.
 */
export async function startSlapd(options: StartSlapdOptions = {}): Promise<SlapdServer> {
  const baseDir = options.baseDir ?? os.tmpdir();
  sweepLeftoverSlapdDirs(baseDir);
  const dir = mkdtempSync(path.join(baseDir, `${slapdDirPrefix}${process.pid}-`));
  liveDirs.add(dir);
  const suffix = options.suffix ?? 'dc=kiosk,dc=test';
  const layout: SlapdLayout = {
    dir,
    suffix,
    rootDn: `cn=admin,${suffix}`,
    rootPassword: randomBytes(12).toString('hex'),
    serviceDn: `cn=kiosk,ou=services,${suffix}`,
    servicePassword: randomBytes(12).toString('hex'),
    peopleDn: `ou=people,${suffix}`,
    policyDn: `cn=default,ou=policies,${suffix}`,
    certFile: path.join(dir, 'cert.pem'),
    keyFile: path.join(dir, 'key.pem'),
  };
  let slapd: SlapdProcess;
  try {
    await initialise(layout);
    slapd = await launchSlapd({ dir, probe: { dn: layout.rootDn, password: layout.rootPassword } });
  } catch (error) {
    liveDirs.delete(dir);
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const ports = slapd.ports;
  const admin = { dn: layout.rootDn, password: layout.rootPassword };
  const plainUrl = `ldap://127.0.0.1:${ports.ldap}`;
  const dnOf = (username: string) => `uid=${dnValue(username)},${layout.peopleDn}`;
  const envName = 'KIOSK_DIRECTORY_PASSWORD';
  const configFor = (transport: SlapdTransport): Record<string, unknown> => ({
    kind: 'ldap',
    url: transport === 'ldaps' ? `ldaps://127.0.0.1:${ports.ldaps}` : plainUrl,
    startTls: transport === 'starttls',
    caFile: layout.certFile,
    servername: 'localhost',
    allowInsecure: false,
    bindDn: layout.serviceDn,
    bindPasswordEnv: envName,
    baseDn: layout.peopleDn,
    userFilter: '(uid={username})',
    attributes: { firstName: 'givenName', lastName: 'sn', email: 'mail', mobile: 'mobile' },
    passwordPolicyDn: layout.policyDn,
  });
  const asAdmin = async <T>(fn: (client: Client) => Promise<T>): Promise<T> => {
    const client = new Client({ url: plainUrl, timeout: 10_000, connectTimeout: 5_000 });
    try {
      await client.bind(admin.dn, admin.password);
      return await fn(client);
    } finally {
      await client.unbind().catch(() => undefined);
    }
  };
  const lockedTime = (username: string) =>
    asAdmin(async (client) => {
      const { searchEntries } = await client.search(dnOf(username), { scope: 'base', attributes: lockAttributes });
      const value = searchEntries[0]?.pwdAccountLockedTime;
      return typeof value === 'string' ? value : undefined;
    });
  const bindsWith = (username: string, password: string): Promise<boolean> => bindSucceeds(new Client({ url: plainUrl, timeout: 10_000, connectTimeout: 5_000 }), dnOf(username), password);
  let removed = false;

  const server: SlapdServer = {
    kind: 'ldap',
    dir,
    ports,
    suffix,
    peopleDn: layout.peopleDn,
    policyDn: layout.policyDn,
    admin,
    service: { dn: layout.serviceDn, password: layout.servicePassword },
    get pid() {
      return slapd.daemon.pid;
    },
    directoryConfig: configFor(options.transport ?? 'starttls'),
    configFor,
    env: { [envName]: layout.servicePassword },
    caFile: layout.certFile,
    lockoutThreshold: slapdPolicy.pwdMaxFailure,
    dnOf,
    asAdmin,
    async addPerson(person: TestPerson) {
      const attributes: Record<string, string> = {
        uid: person.username,
        cn: `${person.firstName} ${person.lastName}`,
        givenName: person.firstName,
        sn: person.lastName,
        // Cleartext on purpose: the overlay hashes it (olcPPolicyHashCleartext), as for any client.
        userPassword: person.password,
      };
      if (person.email !== undefined) attributes.mail = person.email;
      if (person.mobile !== undefined) attributes.mobile = person.mobile;
      await asAdmin((client) => client.add(dnOf(person.username), { objectClass: ['inetOrgPerson'], ...attributes }));
    },
    async lockPerson(username) {
      // Wrong binds as the person: ppolicy counts them and locks at pwdMaxFailure, as in real use.
      const wrong = `wrong-${randomBytes(6).toString('hex')}`;
      for (let i = 0; i < slapdPolicy.pwdMaxFailure; i++) {
        if (await bindsWith(username, wrong)) throw new Error(`A wrong password let ${username} in`);
      }
      if (!(await server.isLocked(username))) throw new Error(`${username} is not locked after ${slapdPolicy.pwdMaxFailure} wrong binds`);
    },
    async disablePerson(username) {
      await asAdmin((client) =>
        client.modify(dnOf(username), new Change({ operation: 'replace', modification: new Attribute({ type: 'pwdAccountLockedTime', values: [disabledMarker] }) })),
      );
    },
    /** Locked by failed binds: pwdAccountLockedTime within pwdLockoutDuration. The disabled marker is isDisabled, not this. */
    async isLocked(username) {
      const value = await lockedTime(username);
      if (value === undefined || value === disabledMarker) return false;
      const at = parseGeneralizedTime(value);
      return at === undefined || Date.now() < at.getTime() + slapdPolicy.pwdLockoutDuration * 1000;
    },
    async isDisabled(username) {
      return (await lockedTime(username)) === disabledMarker;
    },
    /** A real bind as the person. A wrong password counts toward the lockout, as any bind does. */
    bindsWith,
    stopProcess: () => slapd.daemon.stop(),
    async restart() {
      if (removed) throw new Error('This slapd was stopped for good (stop() removed its folder).');
      await slapd.daemon.stop();
      slapd = await launchSlapd({ dir, ports, probe: { dn: admin.dn, password: admin.password } });
    },
    async stop() {
      if (removed) return;
      removed = true;
      await slapd.daemon.stop();
      liveDirs.delete(dir);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return server;
}

async function initialise(layout: SlapdLayout): Promise<void> {
  mkdirSync(path.join(layout.dir, 'slapd.d'));
  mkdirSync(path.join(layout.dir, 'data'));
  // The certificate is also the CA file the kiosk trusts: localhost for StartTLS/LDAPS with
  // servername 'localhost', and the loopback address for clients that check the IP.
  await run(programs.openssl, [
    ...['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=localhost'],
    ...['-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1', '-keyout', layout.keyFile, '-out', layout.certFile],
  ]);
  const configFile = path.join(layout.dir, 'config.ldif');
  const treeFile = path.join(layout.dir, 'tree.ldif');
  writeFileSync(configFile, configLdif(layout));
  writeFileSync(treeFile, treeLdif(layout));
  await run(programs.slapadd, ['-n0', '-F', path.join(layout.dir, 'slapd.d'), '-l', configFile]);
  await run(programs.slapadd, ['-n1', '-F', path.join(layout.dir, 'slapd.d'), '-l', treeFile]);
}

/** YYYYMMDDHHMMSS[.fff]Z, as ppolicy writes it. */
export function parseGeneralizedTime(value: string): Date | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:\.(\d+))?Z$/.exec(value);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s, fraction] = match;
  const ms = fraction === undefined ? 0 : Math.floor(Number(`0.${fraction}`) * 1000);
  return new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms));
}

// Test usernames go into DNs: plain ones need no escaping, anything else is a mistake in the test.
function dnValue(username: string): string {
  if (!/^[A-Za-z0-9._-]+$/.test(username)) throw new Error(`Not a plain test username: ${JSON.stringify(username)}`);
  return username;
}
