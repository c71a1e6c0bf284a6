import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import type { SmtpConfig } from '../../../shared/config/config-schema.js';

/** What the test server saw for one accepted message: the SMTP envelope and the parsed MIME message. */
export interface ReceivedMessage {
  mailFrom: string;
  rcptTo: string[];
  /** True when the session ran over TLS (implicit or after STARTTLS). */
  secure: boolean;
  /** The name the client greeted with (EHLO / HELO). */
  helo: string;
  user: unknown;
  raw: string;
  parsed: ParsedMail;
}

export interface TestSmtpServer {
  port: number;
  received: ReceivedMessage[];
  /** Connections the server accepted, to tell "refused before connecting" from "refused by the server". */
  connections(): number;
  close(): Promise<void>;
}

/**
 * A real smtp-server on 127.0.0.1 and a free port; every accepted message is parsed with mailparser.
 * Plain by default (STARTTLS hidden), because nodemailer upgrades whenever STARTTLS is offered;
 * TLS tests pass `hideSTARTTLS: false` or `secure: true`.
 */
export async function startSmtpServer(options: SMTPServerOptions = {}): Promise<TestSmtpServer> {
  const received: ReceivedMessage[] = [];
  let connections = 0;
  const server = new SMTPServer({
    logger: false,
    authOptional: true,
    hideSTARTTLS: true,
    onConnect(_session, callback) {
      connections += 1;
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        simpleParser(raw)
          .then((parsed) => {
            received.push({
              mailFrom: session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address,
              rcptTo: session.envelope.rcptTo.map((recipient) => recipient.address),
              secure: session.secure,
              helo: session.hostNameAppearsAs,
              user: session.user,
              raw,
              parsed,
            });
            callback();
          })
          .catch((error: Error) => callback(error));
      });
    },
    ...options,
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.server.address() as AddressInfo).port));
  });
  return {
    port,
    received,
    connections: () => connections,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A port on 127.0.0.1 that nothing listens on: taken from the OS, then released. */
export async function unusedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** SmtpConfig as the schema would produce it for a plain local test server. */
export function plainSmtpConfig(port: number, overrides: Partial<SmtpConfig> = {}): SmtpConfig {
  return {
    host: '127.0.0.1',
    port,
    secure: false,
    requireTLS: false,
    tls: { rejectUnauthorized: true, minVersion: 'TLSv1.2' },
    pool: false,
    ...overrides,
  };
}

/**
 * A fresh self-signed certificate for a made-up host name, written to a temp folder. smtp-server's
 * built-in certificate has expired, so a test that wants verification to succeed needs its own.
 */
export function selfSignedCertificate(hostName: string): { key: string; cert: string; certFile: string; dispose(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-mail-cert-'));
  const keyFile = join(dir, 'key.pem');
  const certFile = join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', certFile, '-days', '1',
      '-subj', `/CN=${hostName}`, '-addext', `subjectAltName=DNS:${hostName}`],
    { stdio: 'ignore' },
  );
  return {
    key: readFileSync(keyFile, 'utf8'),
    cert: readFileSync(certFile, 'utf8'),
    certFile,
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}
