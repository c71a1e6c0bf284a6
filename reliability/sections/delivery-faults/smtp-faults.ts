import { randomBytes } from 'node:crypto';
import type { KioskConfig, SmtpConfig } from '../../../shared/config/config-schema.js';
import { plainSmtpConfig, selfSignedCertificate, startSmtpServer, unusedPort } from '../../../test/integration/mail/smtp-test-server.js';
import { startPostfixServer } from '../../../test/support/postfix-server.js';
import type { Fault } from './fault.js';

const relayPasswordEnv = 'SSPR_RELIABILITY_RELAY_PASSWORD';
const kioskHeloName = 'kiosk-1.northfield.example';

/** A real deployment's configuration (not demo) with the given mail relay: what createKiosk builds the SMTP sender from. */
const withSmtp = (smtp: SmtpConfig) => (base: KioskConfig): KioskConfig => ({
  ...base,
  demo: false,
  sms: { provider: 'none', defaultRegion: 'GB' },
  mail: { ...base.mail, smtp },
});

const noSecrets = () => ({ password: [], code: [] });

export const smtpFaults: Fault[] = [
  {
    name: 'SMTP relay down (closed loopback port)',
    method: 'email',
    shows: true,
    expected: { errorClass: 'connection' },
    async setUp() {
      const port = await unusedPort();
      return { configure: withSmtp(plainSmtpConfig(port, { name: kioskHeloName })), env: {}, where: `nothing listening on 127.0.0.1:${port}`, secrets: noSecrets, stop: async () => undefined };
    },
  },
  {
    name: 'SMTP login refused',
    method: 'email',
    shows: true,
    expected: { errorClass: 'auth', replyCode: 535 },
    async setUp(_folder, options) {
      const wrongPassword = `wrong-${randomBytes(9).toString('base64url')}`;
      const env = { [relayPasswordEnv]: wrongPassword };
      try {
        const relay = await startPostfixServer();
        const smtp: SmtpConfig = {
          host: relay.host,
          port: relay.submissionPort,
          secure: false,
          requireTLS: true,
          name: kioskHeloName,
          auth: { user: relay.login.user, passwordEnv: relayPasswordEnv },
          tls: { rejectUnauthorized: true, caFile: relay.caFile, minVersion: 'TLSv1.2' },
          pool: false,
        };
        return {
          configure: withSmtp(smtp),
          env,
          where: `real Postfix + Dovecot SASL on 127.0.0.1:${relay.submissionPort} (STARTTLS, trusted CA), wrong password for ${relay.login.user}`,
          secrets: () => ({ password: [wrongPassword, relay.login.password], code: [] }),
          stop: async () => void (await relay.stop()),
        };
      } catch (error) {
        // The realer relay needs root and postfix + dovecot-core; without them, smtp-server refusing every login.
        options.progress(`delivery faults: Postfix harness unavailable (${error instanceof Error ? error.message.split('\n')[0] : 'error'}); using smtp-server`);
        const certificate = selfSignedCertificate('mail.kiosk.test');
        const server = await startSmtpServer({
          hideSTARTTLS: false,
          authOptional: false,
          key: certificate.key,
          cert: certificate.cert,
          onAuth: (_auth, _session, callback) => callback(new Error('5.7.8 Authentication credentials invalid')),
        });
        const smtp: SmtpConfig = {
          ...plainSmtpConfig(server.port, { name: kioskHeloName, requireTLS: true }),
          auth: { user: 'kiosk-relay', passwordEnv: relayPasswordEnv },
          tls: { rejectUnauthorized: true, servername: 'mail.kiosk.test', caFile: certificate.certFile, minVersion: 'TLSv1.2' },
        };
        return {
          configure: withSmtp(smtp),
          env,
          where: `smtp-server on 127.0.0.1:${server.port} refusing every login (Postfix harness unavailable)`,
          secrets: () => ({ password: [wrongPassword], code: [] }),
          stop: async () => {
            await server.close();
            certificate.dispose();
          },
        };
      }
    },
  },
  {
    name: 'SMTP certificate untrusted (self-signed, no CA given)',
    method: 'email',
    shows: true,
    expected: { errorClass: 'tls' },
    async setUp() {
      const certificate = selfSignedCertificate('mail.kiosk.test');
      const server = await startSmtpServer({ hideSTARTTLS: false, key: certificate.key, cert: certificate.cert });
      const smtp: SmtpConfig = {
        ...plainSmtpConfig(server.port, { name: kioskHeloName, requireTLS: true }),
        tls: { rejectUnauthorized: true, servername: 'mail.kiosk.test', minVersion: 'TLSv1.2' },
      };
      return {
        configure: withSmtp(smtp),
        env: {},
        where: `smtp-server on 127.0.0.1:${server.port}, STARTTLS with a self-signed certificate for mail.kiosk.test, no mail.smtp.tls.caFile`,
        secrets: noSecrets,
        stop: async () => {
          await server.close();
          certificate.dispose();
        },
      };
    },
  },
];
