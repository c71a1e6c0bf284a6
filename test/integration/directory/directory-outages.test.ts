import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fail } from '../../../shared/ipc/result.js';
import { startTestKiosk, valueOf, type TestKiosk } from '../../support/core-kiosk.js';
import { rowsOf } from '../../support/database-dump.js';
import { describeEachDirectory } from '../../support/directory-backends.js';
import type { TestDirectoryServer } from '../../support/directory-server.js';
import { unusedLoopbackPort } from '../../support/loopback-port.js';
import { createRecordingEmailSender } from '../../support/recording-email.js';
import { startSlapd } from '../../support/slapd-server.js';
import { createTempDirs } from '../../support/temp-dirs.js';
import { waitUntil } from '../../support/wait-until.js';

/**
 * A directory that cannot be used: a deployment mistake (wrong service password, a certificate the
 * configured CA did not sign) stops the kiosk at start-up in one line; a directory that does not
 * answer lets it start and makes every step say "password services are unavailable", the same for
 * every name, with nothing half-done.
 */
const dirs = createTempDirs();
const opened: TestKiosk[] = [];
const servers: TestDirectoryServer[] = [];
afterEach(async () => {
  for (const t of opened.splice(0)) await t.kiosk.close();
  for (const server of servers.splice(0)) await server.stop();
  dirs.removeAll();
});

/** The same server, as a kiosk configured differently would see it. */
function sameServer(server: TestDirectoryServer, change: { config?: Record<string, unknown>; env?: Record<string, string> }): TestDirectoryServer {
  return { ...server, directoryConfig: { ...server.directoryConfig, ...change.config }, env: { ...server.env, ...change.env } };
}

function otherCa(dir: string): string {
  const key = path.join(dir, 'other.key');
  const cert = path.join(dir, 'other-ca.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1', '-keyout', key, '-out', cert], { stdio: 'ignore' });
  return cert;
}

const tablesTouchedByPeople = ['accounts', 'contact_methods', 'challenges', 'password_changes', 'history_derivations', 'throttle_events'];

describeEachDirectory(
  'a directory that cannot be used',
  (_open, _kind, serverOf) => {
    const start = (directory: TestDirectoryServer) =>
      startTestKiosk({ dataDir: dirs.make(), persistent: true, email: createRecordingEmailSender().sender, directory });

    it('refuses to start with a service password the directory refuses, and says which setting to check', async () => {
      const real = serverOf();
      const bindPasswordEnv = real.directoryConfig.bindPasswordEnv as string;
      await expect(start(sameServer(real, { env: { [bindPasswordEnv]: 'not-the-password' } }))).rejects.toThrow(/refused the service account .*check directory\.bindDn and the password in/);
    });

    it('refuses to start when the directory\'s certificate is not signed by the configured CA', async () => {
      const real = serverOf();
      const caFile = otherCa(dirs.make());
      await expect(start(sameServer(real, { config: { caFile } }))).rejects.toThrow(/certificate of .* is not trusted or does not match .*check directory\.caFile/);
    });

    it('starts when the directory does not answer, and then says "unavailable" at every step, to every name alike, changing nothing', async () => {
      const real = serverOf();
      const port = await unusedLoopbackPort();
      const url = (real.directoryConfig.url as string).replace(/:\d+$/, `:${port}`);
      const t = await start(sameServer(real, { config: { url } }));
      opened.push(t);
      expect(t.logLines.join('\n')).toMatch(/does not answer yet/);

      for (const username of ['someone.real', 'nobody.at.all']) {
        expect(await t.call('journey:begin', { purpose: 'reset', username })).toEqual(fail('DIRECTORY_UNAVAILABLE'));
        expect(await t.call('journey:begin', { purpose: 'unlock', username })).toEqual(fail('DIRECTORY_UNAVAILABLE'));
        expect(await t.call('journey:signIn', { purpose: 'change', username, password: 'Start7Pass9Word4' })).toEqual(fail('DIRECTORY_UNAVAILABLE'));
        expect(valueOf(await t.call('session:get', {}))).toEqual({ stage: 'identify' });
      }
      for (const table of tablesTouchedByPeople) expect(await rowsOf(t.kiosk.store, table)).toEqual([]);
      const audit = await rowsOf<{ event: string; detail: string }>(t.kiosk.store, 'audit_log');
      const unavailable = audit.filter((row) => row.event === 'directory.unavailable').map((row) => JSON.parse(row.detail));
      expect(unavailable.length).toBeGreaterThanOrEqual(6);
      expect(unavailable.every((detail) => detail.reason === 'unreachable' || detail.reason === 'timeout')).toBe(true);
      expect(audit.map((row) => row.event)).not.toContain('reset.begin');
    });
  },
  ['ldap', 'active-directory'],
);

describe('a directory that goes away before the new password is written', () => {
  it('tells the person password services are unavailable, keeps them at the new-password step, and leaves no change half-done', async () => {
      const server = await startSlapd();
      servers.push(server);
      const person = { username: 'iris.gone', firstName: 'Iris', lastName: 'Lund', password: 'Start7Pass9Word4', email: 'iris.gone@home.example' };
      await server.addPerson(person);
      const mail = createRecordingEmailSender();
      const t = await startTestKiosk({ dataDir: dirs.make(), persistent: true, email: mail.sender, directory: server });
      opened.push(t);

      valueOf(await t.call('journey:begin', { purpose: 'reset', username: person.username }));
      valueOf(await t.call('code:choose', { method: 'email' }));
      await waitUntil(() => mail.sent.some((message) => message.to === person.email), 'the code arrives');
      const code = /^\s*(\d{8})\s*$/m.exec(mail.sent.find((message) => message.to === person.email)!.text)![1]!;
      expect(valueOf(await t.call('code:verify', { code }))).toMatchObject({ stage: 'new_password' });

      await server.stop();
      servers.splice(0);
      expect(await t.call('password:set', { password: 'Qm7vTx2pLr9wKz4n', confirmation: 'Qm7vTx2pLr9wKz4n' })).toEqual(fail('DIRECTORY_UNAVAILABLE'));
      expect(valueOf(await t.call('session:get', {}))).toMatchObject({ stage: 'new_password' });
      expect((await rowsOf<{ state: string }>(t.kiosk.store, 'password_changes')).map((row) => row.state)).toEqual(['abandoned']);
      expect((await rowsOf<{ state: string }>(t.kiosk.store, 'history_derivations')).filter((row) => row.state !== 'kept')).toEqual([]);
      const events = (await rowsOf<{ event: string }>(t.kiosk.store, 'audit_log')).map((row) => row.event);
      expect(events).toContain('directory.unavailable');
      expect(events).toContain('reset.password_not_set');
      expect(events).not.toContain('reset.password_set');
    });
});
