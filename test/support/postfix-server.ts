import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { accessSync, chmodSync, chownSync, constants, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { connect, createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startDaemon, type Daemon } from './daemon-process.js';
import { dovecotConf, layoutUnder, mainCf, masterCf, type PostfixLayout, type PostfixSettings } from './postfix-config.js';

/**
 * A real Postfix on 127.0.0.1 with Dovecot as its SASL service, started by a test and stopped by pid.
 * Everything of one instance (configuration, queue, Maildirs, Dovecot's sockets and log) lives in
 * one temp folder: Postfix runs with its own config directory (`master -c DIR`) and queue directory,
 * Dovecot with its own config file and base_dir, so /etc/postfix and /etc/dovecot are never edited.
 * Needs root (Postfix's master and Dovecot drop to their own users) and Debian's postfix and
 * dovecot-core packages; see .ci/run for the install lines.
 */

export interface PostfixServer {
  host: '127.0.0.1';
  /** STARTTLS + AUTH (submission). */
  submissionPort: number;
  /** Implicit TLS + AUTH (submissions). */
  submissionsPort: number;
  /** Self-signed certificate (SAN IP:127.0.0.1 and serverName, CA:TRUE): the kiosk's tls.caFile. */
  caFile: string;
  serverName: string;
  /** The relay login (a Dovecot passwd-file user); the password is fresh for every start. */
  login: { user: string; password: string };
  /** The envelope sender the login owns. */
  ownedSender: string;
  /** An address of the test domain the login does not own: refused with 553. */
  foreignSender: string;
  /** Addresses with a Maildir. */
  mailboxes: string[];
  /** An address of the test domain with no mailbox: refused at RCPT TO with 550 5.1.1. */
  refusedRecipient: string;
  /** Milliseconds from the call to both daemons answering. */
  startupMs: number;
  /** Raw messages delivered to a mailbox so far, oldest first. */
  delivered(address: string): string[];
  /** Waits until `count` messages sit in the mailbox (Postfix delivers after it answers 250). */
  waitForDelivered(address: string, count: number, timeoutMs?: number): Promise<string[]>;
  /** Postfix's whole log so far (sessions, refusals, deliveries). */
  maillog(): string;
  /** Stops both daemons by pid and removes the folder; resolves to the milliseconds it took. */
  stop(): Promise<number>;
}

const domain = 'kiosk.test';
const serverName = `mail.${domain}`;
const identity = {
  user: 'kiosk-relay',
  ownedSender: `no-reply@${domain}`,
  foreignSender: `registrar@${domain}`,
  mailboxes: [`ada@${domain}`, `ben@${domain}`],
  refusedRecipient: `nobody@${domain}`,
};

export async function startPostfixServer(): Promise<PostfixServer> {
  const started = performance.now();
  const programs = requirePrograms();
  const root = mkdtempSync(path.join(tmpdir(), 'pfx-'));
  const running: Daemon[] = [];
  try {
    // Unix socket paths are limited to 107 bytes; Dovecot's sit two levels below the root.
    if (root.length > 60) throw new Error(`postfix-server: temp folder path too long for unix sockets: ${root}`);
    const [submissionPort, submissionsPort] = await freePorts(2);
    const settings: PostfixSettings = {
      layout: layoutUnder(root),
      serverName,
      domain,
      submissionPort: submissionPort!,
      submissionsPort: submissionsPort!,
      mailUid: numericId('-u', 'postfix'),
      mailGid: numericId('-g', 'postfix'),
    };
    const password = randomBytes(18).toString('base64url');
    writeInstance(settings, password, programs.openssl);

    const { dovecotDir, queueDir, configDir } = settings.layout;
    const maillog = path.join(root, 'maillog');
    const dovecotArgs = ['-F', '-c', path.join(dovecotDir, 'dovecot.conf')];
    const dovecot = startDaemon('dovecot', programs.dovecot, dovecotArgs, () => readTail(path.join(dovecotDir, 'dovecot.log')));
    running.push(dovecot);
    await dovecot.until(() => existsSync(path.join(queueDir, 'private', 'auth')), 'Dovecot to open its auth socket');

    const daemonDir = execFileSync(programs.postconf, ['-c', configDir, '-h', 'daemon_directory'], { encoding: 'utf8' }).trim();
    // master itself, not `postfix start`: it stays our child, so its pid is known and it is reaped.
    // -s keeps it in the foreground without the PID-1 condition of `postfix start-fg`.
    const master = startDaemon('postfix', path.join(daemonDir, 'master'), ['-c', configDir, '-s'], () => readTail(maillog));
    running.push(master);
    await master.until(() => greets(settings.submissionPort), `Postfix to greet on 127.0.0.1:${settings.submissionPort}`);
    await master.until(() => accepts(settings.submissionsPort), `Postfix to listen on 127.0.0.1:${settings.submissionsPort}`);

    const mailbox = (address: string) => maildirOf(settings.layout, address);
    return {
      host: '127.0.0.1',
      submissionPort: settings.submissionPort,
      submissionsPort: settings.submissionsPort,
      caFile: path.join(settings.layout.configDir, 'cert.pem'),
      serverName,
      login: { user: identity.user, password },
      ownedSender: identity.ownedSender,
      foreignSender: identity.foreignSender,
      mailboxes: [...identity.mailboxes],
      refusedRecipient: identity.refusedRecipient,
      startupMs: Math.round(performance.now() - started),
      delivered: (address) => readMaildir(mailbox(address)),
      async waitForDelivered(address, count, timeoutMs = 5_000) {
        const deadline = Date.now() + timeoutMs;
        for (;;) {
          const messages = readMaildir(mailbox(address));
          if (messages.length >= count) return messages;
          if (Date.now() > deadline) {
            throw new Error(`postfix-server: ${messages.length} of ${count} messages for ${address} after ${timeoutMs} ms\n${readTail(maillog)}`);
          }
          await delay(20);
        }
      },
      maillog: () => readText(maillog),
      async stop() {
        const stopping = performance.now();
        await stopAll(running, root);
        return Math.round(performance.now() - stopping);
      },
    };
  } catch (error) {
    await stopAll(running, root);
    throw error;
  }
}

interface Programs {
  postconf: string;
  dovecot: string;
  openssl: string;
}

/** A clear message instead of a spawn ENOENT when the machine lacks the packages or root. */
function requirePrograms(): Programs {
  const find = (name: string) =>
    [...(process.env.PATH ?? '').split(':'), '/usr/sbin', '/usr/local/sbin', '/usr/bin']
      .filter((dir) => dir !== '')
      .map((dir) => path.join(dir, name))
      .find((candidate) => {
        try {
          accessSync(candidate, constants.X_OK);
          return true;
        } catch {
          return false;
        }
      });
  const found = { postconf: find('postconf'), dovecot: find('dovecot'), openssl: find('openssl') };
  const missing = Object.entries(found).filter(([, file]) => file === undefined).map(([name]) => name);
  if (missing.length > 0) {
    throw new Error(
      `postfix-server: ${missing.join(', ')} not installed. On Debian, as root: ` +
        `echo "postfix postfix/main_mailer_type select Local only" | debconf-set-selections; ` +
        `DEBIAN_FRONTEND=noninteractive apt-get install -y postfix dovecot-core openssl (as .ci/run does)`,
    );
  }
  if (process.getuid?.() !== 0) {
    throw new Error('postfix-server: must run as root (Postfix master and Dovecot start as root and drop to their own users)');
  }
  return found as Programs;
}

function numericId(flag: '-u' | '-g', user: string): number {
  return Number(execFileSync('id', [flag, user], { encoding: 'utf8' }).trim());
}

function groupId(group: string): number {
  return Number(execFileSync('getent', ['group', group], { encoding: 'utf8' }).split(':')[2]);
}

function writeInstance(settings: PostfixSettings, password: string, openssl: string): void {
  const { layout } = settings;
  // Postfix's daemons (user postfix) and Dovecot's auth (user dovecot) must reach into the folder.
  chmodSync(layout.root, 0o755);
  for (const dir of [layout.configDir, layout.dovecotDir]) mkdirSync(dir, { mode: 0o755 });
  writeQueue(layout, settings.mailUid, settings.mailGid);

  const etc = layout.configDir;
  writeFileSync(path.join(etc, 'main.cf'), mainCf(settings));
  writeFileSync(path.join(etc, 'master.cf'), masterCf(settings));
  writeFileSync(path.join(etc, 'mailboxes'), identity.mailboxes.map((address) => `${address} ${address.split('@').reverse().join('/')}/\n`).join(''));
  writeFileSync(path.join(etc, 'sender-logins'), `${identity.ownedSender} ${identity.user}\n`);
  execFileSync(
    openssl,
    ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', `/CN=${serverName}`,
      '-addext', `subjectAltName=DNS:${serverName},IP:127.0.0.1`, '-addext', 'basicConstraints=critical,CA:TRUE',
      '-keyout', path.join(etc, 'key.pem'), '-out', path.join(etc, 'cert.pem')],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  chmodSync(path.join(etc, 'key.pem'), 0o600);
  // Postfix re-reads a file changed in the last second or two, 300 ms at a time, until it looks
  // settled (about 2 s per start); an older timestamp skips the wait.
  const past = new Date(Date.now() - 60_000);
  for (const file of readdirSync(etc)) utimesSync(path.join(etc, file), past, past);

  const dovecotDir = layout.dovecotDir;
  writeFileSync(path.join(dovecotDir, 'dovecot.conf'), dovecotConf(settings, `sspr-${path.basename(layout.root)}`));
  writeFileSync(path.join(dovecotDir, 'passwd'), `${identity.user}:${ssha512(password)}\n`, { mode: 0o644 });
}

/**
 * The queue folders `postfix check` would create, with the owners and modes Postfix insists on
 * (made here in a few milliseconds instead of its 0.4-2 s of shell scripts).
 */
function writeQueue(layout: PostfixLayout, postfix: number, postfixGroup: number): void {
  const postdrop = groupId('postdrop');
  const make = (dir: string, mode: number, uid: number, gid: number) => {
    mkdirSync(dir, { mode });
    chmodSync(dir, mode);
    chownSync(dir, uid, gid);
  };
  make(layout.queueDir, 0o755, 0, 0);
  for (const name of ['active', 'bounce', 'corrupt', 'defer', 'deferred', 'flush', 'hold', 'incoming', 'private', 'saved', 'trace']) {
    make(path.join(layout.queueDir, name), 0o700, postfix, 0);
  }
  make(path.join(layout.queueDir, 'maildrop'), 0o730, postfix, postdrop);
  make(path.join(layout.queueDir, 'public'), 0o710, postfix, postdrop);
  make(path.join(layout.queueDir, 'pid'), 0o755, 0, 0);
  make(layout.dataDir, 0o700, postfix, 0);
  make(layout.mailDir, 0o755, postfix, postfixGroup);
}

/** Dovecot's {SSHA512}: base64(sha512(password + salt) + salt); no doveadm process needed. */
function ssha512(password: string): string {
  const salt = randomBytes(8);
  const digest = createHash('sha512').update(password).update(salt).digest();
  return `{SSHA512}${Buffer.concat([digest, salt]).toString('base64')}`;
}

/**
 * Postfix first: its smtpd processes hold connections to Dovecot's auth process, which would
 * otherwise outlive Dovecot's master.
 */
async function stopAll(running: Daemon[], root: string): Promise<void> {
  for (const daemon of running.splice(0).reverse()) await daemon.stop();
  rmSync(root, { recursive: true, force: true });
}

function maildirOf(layout: PostfixLayout, address: string): string {
  const [local, host] = address.split('@');
  return path.join(layout.mailDir, host ?? '', local ?? '');
}

function readMaildir(dir: string): string[] {
  const files = ['new', 'cur'].flatMap((sub) => {
    const folder = path.join(dir, sub);
    return existsSync(folder) ? readdirSync(folder).map((name) => path.join(folder, name)) : [];
  });
  // Maildir names start with the delivery time in seconds, then a per-delivery counter.
  return files.sort((a, b) => path.basename(a).localeCompare(path.basename(b), 'en', { numeric: true })).map((file) => readFileSync(file, 'utf8'));
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function readTail(file: string): string {
  return readText(file).trimEnd().split('\n').slice(-20).join('\n');
}

/** Distinct free ports on 127.0.0.1: all held open at once so the OS cannot hand out one twice. */
async function freePorts(count: number): Promise<number[]> {
  const probes = Array.from({ length: count }, () => createServer());
  await Promise.all(probes.map((probe) => new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))));
  const ports = probes.map((probe) => (probe.address() as AddressInfo).port);
  await Promise.all(probes.map((probe) => new Promise<void>((resolve) => probe.close(() => resolve()))));
  return ports;
}

/** True once something on the port sends an SMTP greeting. */
function greets(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(2_000, () => done(false));
    socket.once('data', (chunk: Buffer) => {
      socket.end('QUIT\r\n');
      done(chunk.toString('latin1').startsWith('220 '));
    });
    socket.once('error', () => done(false));
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
