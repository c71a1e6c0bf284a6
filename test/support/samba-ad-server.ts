import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Attribute, Change, Client } from 'ldapts';
import { bindSucceeds } from './ldap-bind.js';
import { startDaemon, type Daemon } from './daemon-process.js';
import type { TestDirectoryServer, TestPerson } from './directory-server.js';
import { acquireMachineLock, type MachineLock } from './machine-lock.js';
import { lockoutThreshold, realm, sambaAdTemplate, serviceDn, usersDn } from './samba-ad-template.js';
import { makeSelfSignedCert } from './self-signed-cert.js';

export interface StartSambaAdOptions {
  /** `ldap://127.0.0.1:389` with StartTLS instead of `ldaps://127.0.0.1:636`. */
  startTls?: boolean;
  /** How long to wait for another test file's Samba to stop (the ports are fixed: one at a time). */
  lockTimeoutMs?: number;
}

/** A Samba AD DC on 127.0.0.1:389/636, with the extras the Active Directory connector's tests use. */
export interface SambaAdServer extends TestDirectoryServer {
  kind: 'active-directory';
  readonly dir: string;
  readonly pid: number | undefined;
  readonly adminPassword: string;
  /** The person's entry: CN=username under CN=Users. */
  dnOf(username: string): string;
  /** Runs `work` bound as the domain Administrator over LDAPS (ground truth, set-up). */
  asAdmin<T>(work: (client: Client) => Promise<T>): Promise<T>;
}

/**
 * Hook timeout for a beforeAll that starts Samba: waiting for another file's instance to stop, plus
 * building the template once per machine (~10 s) and starting (~1-2 s).
 */
export const sambaAdStartTimeoutMs = 240_000;

const host = '127.0.0.1';
// userAccountControl ACCOUNTDISABLE; msDS-User-Account-Control-Computed LOCKOUT (set only while a
// lockout lasts: lockoutTime itself stays set after the lockout duration ends).
const accountDisable = 0x2;
const computedLockout = 0x10;

/**
 * A throwaway Samba 4 Active Directory domain controller (realm KIOSK.TEST) serving LDAP only, from a
 * copy of a cached provisioned template, with its own certificate for localhost / 127.0.0.1:
 * `const ad = await startSambaAd(); afterAll(() => ad.stop())`. Samba's LDAP ports are fixed, so one
 * instance runs per machine: a machine-wide lock makes a second test file wait for the first's stop().
 */
export async function startSambaAd(options: StartSambaAdOptions = {}): Promise<SambaAdServer> {
  const lock = await acquireMachineLock('samba-ad', options.lockTimeoutMs ?? sambaAdStartTimeoutMs - 30_000);
  let dir: string | undefined;
  try {
    const template = sambaAdTemplate();
    dir = mkdtempSync(path.join(os.tmpdir(), 'sspr-samba-ad-'));
    const domainDir = path.join(dir, 'domain');
    cpSync(template.domainDir, domainDir, { recursive: true });
    const cert = makeSelfSignedCert(dir, 'ldap');
    const smbConf = path.join(domainDir, 'etc', 'smb.conf');
    const logFile = path.join(dir, 'samba.log');
    const global = [
      `log file = ${logFile}`,
      // Our certificate instead of the RSA-4096 one Samba would make (seconds) with no name to check.
      `tls keyfile = ${cert.keyFile}`,
      `tls certfile = ${cert.certFile}`,
      'tls cafile = ',
      'server services = ldap',
      // Samba accepts the previous password for an hour after a reset (Windows does so for NTLM
      // only): the tests' ground truth needs a reset to take effect at once.
      'old password allowed period = 0',
    ];
    const conf = readFileSync(smbConf, 'utf8').split(template.provisionedAt).join(domainDir);
    writeFileSync(smbConf, withGlobalSettings(conf, global));
    const daemon = await launch(smbConf, logFile, template.adminPassword, cert.certFile);
    return serverHandle({ dir, daemon, lock, caFile: cert.certFile, adminPassword: template.adminPassword, servicePassword: template.servicePassword, startTls: options.startTls === true });
  } catch (error) {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
    lock.release();
    throw error;
  }
}

async function launch(smbConf: string, logFile: string, adminPassword: string, caFile: string): Promise<Daemon> {
  // -F: foreground, not a daemon. Not -i, which also ends Samba at EOF on stdin (ours is /dev/null).
  // -M single: one process, no forked workers to chase at stop. setpriv's parent-death signal kills
  // it if the test process dies without stopping it; setpriv execs samba, so the pid is Samba's.
  const args = ['-F', '-M', 'single', '-s', smbConf];
  const daemon = startDaemon('samba', 'setpriv', ['--pdeathsig', 'KILL', '--', 'samba', ...args], () => tail(logFile));
  try {
    const ca = readFileSync(caFile);
    await daemon.until(async () => {
      const client = new Client({ url: `ldaps://${host}:636`, tlsOptions: { ca, servername: 'localhost' }, timeout: 2000, connectTimeout: 1000 });
      try {
        // Samba does not answer WhoAmI: a bind plus a read of the domain root proves it serves.
        await client.bind(`Administrator@${realm}`, adminPassword);
        await client.search('', { scope: 'base', attributes: ['defaultNamingContext'] });
        return true;
      } catch {
        return false;
      } finally {
        await client.unbind().catch(() => undefined);
      }
    }, 'an LDAPS bind as Administrator');
    return daemon;
  } catch (error) {
    await daemon.stop();
    throw error;
  }
}

interface Running {
  dir: string;
  daemon: Daemon;
  lock: MachineLock;
  caFile: string;
  adminPassword: string;
  servicePassword: string;
  startTls: boolean;
}

function serverHandle(running: Running): SambaAdServer {
  const { dir, daemon, lock, caFile, adminPassword } = running;
  const ca = readFileSync(caFile);
  const dnOf = (username: string) => `CN=${username},${usersDn}`;
  const connect = () => new Client({ url: `ldaps://${host}:636`, tlsOptions: { ca, servername: 'localhost' }, timeout: 10_000, connectTimeout: 5_000 });
  const asAdmin = async <T>(work: (client: Client) => Promise<T>): Promise<T> => {
    const client = connect();
    try {
      await client.bind(`Administrator@${realm}`, adminPassword);
      return await work(client);
    } finally {
      await client.unbind().catch(() => undefined);
    }
  };
  const readNumber = (username: string, attribute: string) =>
    asAdmin(async (client) => {
      const { searchEntries } = await client.search(dnOf(username), { scope: 'base', attributes: [attribute] });
      return Number(searchEntries[0]?.[attribute] ?? 0);
    });
  const bindsWith = (username: string, password: string): Promise<boolean> => bindSucceeds(connect(), dnOf(username), password);
  const replace = (type: string, value: string | Buffer) => new Change({ operation: 'replace', modification: new Attribute({ type, values: [value] as string[] | Buffer[] }) });
  const envName = 'KIOSK_DIRECTORY_PASSWORD';
  let stopped = false;

  return {
    kind: 'active-directory',
    dir,
    get pid() {
      return stopped ? undefined : daemon.pid;
    },
    adminPassword,
    directoryConfig: {
      kind: 'active-directory',
      url: running.startTls ? `ldap://${host}:389` : `ldaps://${host}:636`,
      startTls: running.startTls,
      caFile,
      servername: 'localhost',
      bindDn: serviceDn,
      bindPasswordEnv: envName,
      baseDn: usersDn,
      userFilter: '(sAMAccountName={username})',
      // The personal address, where a reset code can reach someone locked out of their work mail:
      // AD's otherMailbox (multi-valued; the first is used), not `mail` (the work mailbox).
      attributes: { firstName: 'givenName', lastName: 'sn', email: 'otherMailbox', mobile: 'mobile' },
      policyHints: true,
    },
    env: { [envName]: running.servicePassword },
    caFile,
    lockoutThreshold,
    dnOf,
    asAdmin,
    async addPerson(person: TestPerson) {
      // An LDAP add takes ~40 ms; `samba-tool user create` ~0.6 s (a Python start each time).
      await asAdmin((client) =>
        client.add(dnOf(person.username), [
          new Attribute({ type: 'objectClass', values: ['top', 'person', 'organizationalPerson', 'user'] }),
          new Attribute({ type: 'sAMAccountName', values: [person.username] }),
          new Attribute({ type: 'userPrincipalName', values: [`${person.username}@${realm.toLowerCase()}`] }),
          new Attribute({ type: 'givenName', values: [person.firstName] }),
          new Attribute({ type: 'sn', values: [person.lastName] }),
          ...(person.email === undefined ? [] : [new Attribute({ type: 'otherMailbox', values: [person.email] })]),
          ...(person.mobile === undefined ? [] : [new Attribute({ type: 'mobile', values: [person.mobile] })]),
          new Attribute({ type: 'unicodePwd', values: [unicodePwd(person.password)] }),
          // NORMAL_ACCOUNT, enabled (a new user is disabled unless told otherwise).
          new Attribute({ type: 'userAccountControl', values: ['512'] }),
        ]),
      );
    },
    async lockPerson(username) {
      for (let attempt = 0; attempt < lockoutThreshold; attempt++) {
        if (await bindsWith(username, `not-the-password-${attempt}`)) throw new Error(`lockPerson: a wrong password worked for ${username}`);
      }
      if ((await readNumber(username, 'msDS-User-Account-Control-Computed') & computedLockout) === 0) throw new Error(`lockPerson: ${username} is not locked after ${lockoutThreshold} wrong passwords`);
    },
    async disablePerson(username) {
      const flags = await readNumber(username, 'userAccountControl');
      await asAdmin((client) => client.modify(dnOf(username), replace('userAccountControl', String(flags | accountDisable))));
    },
    async isLocked(username) {
      return ((await readNumber(username, 'msDS-User-Account-Control-Computed')) & computedLockout) !== 0;
    },
    bindsWith,
    async stop() {
      if (stopped) return;
      stopped = true;
      try {
        await daemon.stop();
      } finally {
        rmSync(dir, { recursive: true, force: true });
        lock.release();
      }
    },
  };
}

/** AD's password attribute: the password in double quotes, UTF-16LE. */
export function unicodePwd(password: string): Buffer {
  return Buffer.from(`"${password}"`, 'utf16le');
}

/** Adds lines at the end of [global]: a later line wins over an earlier one of the same name. */
function withGlobalSettings(conf: string, lines: string[]): string {
  const start = conf.indexOf('[global]');
  const next = conf.indexOf('\n[', start + 1);
  const at = next === -1 ? conf.length : next + 1;
  return `${conf.slice(0, at)}${lines.map((line) => `\t${line}\n`).join('')}${conf.slice(at)}`;
}

function tail(file: string): string {
  return existsSync(file) ? readFileSync(file, 'utf8').slice(-3000) : '';
}
