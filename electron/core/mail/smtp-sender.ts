import { readFileSync } from 'node:fs';
import nodemailer from 'nodemailer';
import addressparser from 'nodemailer/lib/addressparser';
import type { SmtpConfig } from '../../../shared/config/config-schema.js';
import type { EmailSender, OutgoingEmail } from '../ports.js';
import { MailConfigError, MailDeliveryError } from './mail-errors.js';
import { smtpFailure } from './smtp-failure.js';

/**
 * The kiosk's only door to nodemailer. `send()` resolves once the server accepted the message and
 * rejects with a MailDeliveryError otherwise; callers decide what a failure means to the person at
 * the kiosk. `probe()` checks the relay (connect, TLS, login) without sending anything. Nothing here
 * logs: message bodies hold one-time codes.
 */

export interface SmtpTimeouts {
  /** Until the server's greeting (nodemailer counts the greeting wait here). */
  connectionMs: number;
  greetingMs: number;
  /** Silence on an open connection. */
  socketMs: number;
}

/**
 * Short enough that a person at the kiosk learns of a dead server within seconds, not nodemailer's
 * default two minutes; long enough for a slow campus relay.
 */
export const defaultSmtpTimeouts: SmtpTimeouts = { connectionMs: 10_000, greetingMs: 10_000, socketMs: 30_000 };

// One plain address: no display name, list, comment or line break that could add recipients or headers.
const singleAddress = /^[^\s@<>,;:"()[\]\\]+@[^\s@<>,;:"()[\]\\]+\.[^\s@<>,;:"()[\]\\]+$/;

/** mail.from as one mailbox: "desk@example.org" or "IT Services <desk@example.org>". */
function senderMailbox(from: string): { name: string; address: string } {
  // eslint-disable-next-line no-control-regex -- a line break in the sender would forge headers
  const parsed = /[\u0000-\u001f\u007f]/.test(from) ? [] : addressparser(from);
  const mailbox = parsed.length === 1 ? parsed[0] : undefined;
  if (mailbox === undefined || mailbox.address === undefined || !singleAddress.test(mailbox.address)) {
    throw new MailConfigError(
      'MAIL_FROM_INVALID',
      `mail.from must be one address like desk@example.org or "IT Services <desk@example.org>", got ${JSON.stringify(from)}`,
    );
  }
  return { name: mailbox.name, address: mailbox.address };
}

function smtpPassword(smtp: SmtpConfig, env: Record<string, string | undefined>): string | undefined {
  if (smtp.auth === undefined) return undefined;
  const password = env[smtp.auth.passwordEnv];
  if (password === undefined || password === '') {
    // Name the variable so the operator can fix it; the value (if any) is never repeated.
    throw new MailConfigError(
      'SMTP_PASSWORD_ENV_MISSING',
      `SMTP password missing: set the environment variable ${smtp.auth.passwordEnv} (named by mail.smtp.auth.passwordEnv)`,
    );
  }
  return password;
}

function extraCertificates(caFile: string | undefined): Buffer | undefined {
  if (caFile === undefined) return undefined;
  try {
    return readFileSync(caFile);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new MailConfigError('SMTP_CA_FILE_UNREADABLE', `mail.smtp.tls.caFile cannot be read (${reason}): ${caFile}`);
  }
}

/**
 * On every message, so out-of-office and vacation replies do not come back to a mailbox nobody
 * reads: RFC 3834's marker for automatic mail, and the header Exchange and Outlook check for the same.
 */
const automatedMessageHeaders = { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' };

export function createSmtpEmailSender(options: {
  smtp: SmtpConfig;
  from: string;
  env: Record<string, string | undefined>;
  /** Defaults to defaultSmtpTimeouts. */
  timeouts?: SmtpTimeouts;
}): EmailSender {
  const { smtp } = options;
  const from = senderMailbox(options.from);
  const password = smtpPassword(smtp, options.env);
  const ca = extraCertificates(smtp.tls.caFile);
  const timeouts = options.timeouts ?? defaultSmtpTimeouts;

  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    // The EHLO name; nodemailer's default is the machine's host name, often not a name a relay accepts.
    ...(smtp.name === undefined ? {} : { name: smtp.name }),
    secure: smtp.secure,
    requireTLS: smtp.requireTLS,
    ...(smtp.auth && password !== undefined ? { auth: { user: smtp.auth.user, pass: password } } : {}),
    tls: {
      rejectUnauthorized: smtp.tls.rejectUnauthorized,
      minVersion: smtp.tls.minVersion,
      ...(smtp.tls.servername === undefined ? {} : { servername: smtp.tls.servername }),
      ...(ca === undefined ? {} : { ca }),
    },
    pool: smtp.pool,
    connectionTimeout: timeouts.connectionMs,
    greetingTimeout: timeouts.greetingMs,
    socketTimeout: timeouts.socketMs,
    // Messages are built from our own templates: nothing in them may make nodemailer read a file or fetch a URL.
    disableFileAccess: true,
    disableUrlAccess: true,
    logger: false,
    debug: false,
  });

  const where = `${smtp.host}:${smtp.port}`;
  let closed = false;
  return {
    async send(message: OutgoingEmail): Promise<void> {
      if (closed) throw new MailDeliveryError('closed', 'email sender is closed');
      if (typeof message.to !== 'string' || !singleAddress.test(message.to)) {
        throw new MailDeliveryError('address', 'recipient must be one plain email address');
      }
      let info: { accepted?: unknown[]; rejected?: unknown[]; rejectedErrors?: unknown[] };
      try {
        info = await transport.sendMail({
          from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          html: message.html,
          headers: automatedMessageHeaders,
        });
      } catch (error) {
        throw smtpFailure(error, `email not accepted by ${where}`);
      }
      // nodemailer throws when its only recipient is refused; should it report the refusal instead, it is still one.
      if ((info.rejected?.length ?? 0) > 0 || (info.accepted?.length ?? 0) === 0) {
        const refusal = info.rejectedErrors?.[0];
        if (refusal !== undefined) throw smtpFailure(refusal, `email not accepted by ${where}`);
        throw new MailDeliveryError('recipient_rejected', `email not accepted by ${where} (recipient_rejected)`, { command: 'RCPT TO' });
      }
    },
    async probe(): Promise<void> {
      if (closed) throw new MailDeliveryError('closed', 'email sender is closed');
      try {
        // Connects, upgrades to TLS and logs in exactly as a send would, then QUITs: no envelope.
        await transport.verify();
      } catch (error) {
        throw smtpFailure(error, `SMTP relay check failed for ${where}`);
      }
    },
    close(): void {
      closed = true;
      transport.close();
    },
  };
}
