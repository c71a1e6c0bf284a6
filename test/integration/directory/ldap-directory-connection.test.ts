import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DirectoryUnavailableError } from '../../../electron/core/directory/directory-errors.js';
import type { Store } from '../../../electron/core/store/store.js';
import { openTestStore } from '../../support/core-store.js';
import { ldapConnectorFor, type LdapConnector } from '../../support/ldap-connector.js';
import { startSlapd, type SlapdServer, type SlapdTransport } from '../../support/slapd-server.js';
import { createTempDirs } from '../../support/temp-dirs.js';
import { createTestClock } from '../../support/test-clock.js';

const dirs = createTempDirs();
let server: SlapdServer;
let store: Store;
const clock = createTestClock(new Date().toISOString());
const password = 'First-long-passw0rd';
const opened: LdapConnector[] = [];

beforeAll(async () => {
  server = await startSlapd();
  store = await openTestStore(dirs.make());
  await server.addPerson({ username: 'tomas', firstName: 'Tomas', lastName: 'Novak', password, email: 'tomas@home.test' });
  for (const transport of ['starttls', 'ldaps']) await server.addPerson({ username: `via-${transport}`, firstName: 'Via', lastName: transport, password });
});
afterEach(async () => {
  await Promise.all(opened.splice(0).map((connector) => connector.pool.close()));
});
afterAll(async () => {
  await store?.close();
  await server?.stop();
  dirs.removeAll();
});

function connector(options: Parameters<typeof ldapConnectorFor>[3] = {}): LdapConnector {
  const made = ldapConnectorFor(server, store, clock, options);
  opened.push(made);
  return made;
}

async function unavailable(promise: Promise<unknown>): Promise<DirectoryUnavailableError> {
  const error = await promise.then(() => undefined, (reason: unknown) => reason);
  if (!(error instanceof DirectoryUnavailableError)) throw new Error(`Expected DirectoryUnavailableError, got ${String(error)}`);
  return error;
}

/** A self-signed certificate for localhost that did not sign the server's: the wrong CA file. */
function otherCaFile(): string {
  const dir = dirs.make();
  const cert = path.join(dir, 'other-ca.pem');
  execFileSync('openssl', [
    ...['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost'],
    ...['-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1', '-keyout', path.join(dir, 'other-key.pem'), '-out', cert],
  ], { stdio: 'ignore' });
  return cert;
}

describe.each<SlapdTransport>(['starttls', 'ldaps'])('over %s', (transport) => {
  it('finds, signs in and sets a password', async () => {
    const { directory, config } = connector({ config: server.configFor(transport) });
    expect(config.url.startsWith(transport === 'ldaps' ? 'ldaps://' : 'ldap://')).toBe(true);

    const record = await directory.findAccount(`via-${transport}`);
    expect(record).toMatchObject({ username: `via-${transport}`, firstName: 'Via', lastName: transport });
    expect(await directory.signIn(record!.id, password)).toBe('ok');
    const next = `${transport}-Second-passw0rd`;
    await directory.setPassword(record!.id, next);
    expect(await server.bindsWith(`via-${transport}`, next)).toBe(true);
    await directory.setPassword(record!.id, `${transport}-Third-passw0rd`);
    expect(await directory.signIn(record!.id, `${transport}-Third-passw0rd`)).toBe('ok');
  });

  it('refuses a server whose certificate the CA file did not sign: tls', async () => {
    const { directory } = connector({ config: { ...server.configFor(transport), caFile: otherCaFile() } });

    const error = await unavailable(directory.findAccount('tomas'));

    expect(error.reason).toBe('tls');
    expect(error.kioskError).toBe('DIRECTORY_UNAVAILABLE');
  });

  it('refuses a certificate that does not name the configured servername: tls', async () => {
    const { directory } = connector({ config: { ...server.configFor(transport), servername: 'directory.elsewhere.test' } });

    expect((await unavailable(directory.findAccount('tomas'))).reason).toBe('tls');
  });
});

describe('the service account and the server', () => {
  it('says refused_login when the directory refuses the service password', async () => {
    const { directory } = connector({ env: { KIOSK_DIRECTORY_PASSWORD: 'not-the-service-password' } });

    const error = await unavailable(directory.findAccount('tomas'));

    expect(error.reason).toBe('refused_login');
    expect(error.message).not.toContain('not-the-service-password');
  });

  it('says unreachable while the server is down, and reconnects once it is back', async () => {
    const { directory } = connector();
    const record = await directory.findAccount('tomas');
    const current = 'Down-and-up-passw0rd';
    await directory.setPassword(record!.id, current);

    await server.stopProcess();
    try {
      expect((await unavailable(directory.findAccount('tomas'))).reason).toBe('unreachable');
      expect((await unavailable(directory.signIn(record!.id, current))).reason).toBe('unreachable');
      expect((await unavailable(directory.isLocked(record!.id))).reason).toBe('unreachable');
    } finally {
      await server.restart();
    }

    const started = Date.now();
    expect(await directory.findAccount('tomas')).toEqual(record);
    expect(await directory.signIn(record!.id, current)).toBe('ok');
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await directory.isLocked(record!.id)).toBe(false);
  });

  it('reconnects without an error when the server restarted between two uses (the idle connections broke)', async () => {
    const { directory } = connector();
    const record = await directory.findAccount('tomas');
    expect(record).not.toBeNull();

    await server.restart();

    // At once, not after the request timeout (10 s) on a connection that was already gone.
    const started = Date.now();
    expect(await directory.findAccount('tomas')).toEqual(record);
    expect(await directory.isLocked(record!.id)).toBe(false);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
