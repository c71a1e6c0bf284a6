import { describe, expect, it } from 'vitest';
import { MailDeliveryError, type MailDeliveryFailure } from '../../../electron/core/mail/mail-errors.js';
import { isProviderLevelFailure, mailFailureSummary } from '../../../electron/core/mail/mail-failure-summary.js';
import { classifySmtpFailure, smtpCommandOf, smtpFailure } from '../../../electron/core/mail/smtp-failure.js';
import type { AuditEntry } from '../../../electron/core/audit/audit-trail.js';

// Errors shaped as nodemailer 10 builds them (smtp-connection's _formatError), with replies as
// Postfix, Exchange and smtp-server word them.
const reply = (command: string, response: string, code = 'EENVELOPE') => ({
  code,
  command,
  response,
  responseCode: Number(response.slice(0, 3)),
});

describe('classifying what nodemailer throws', () => {
  it.each([
    ['connection refused', { code: 'ESOCKET', originalCode: 'ECONNREFUSED', command: 'CONN' }, 'connection'],
    ['greeting timeout', { code: 'ETIMEDOUT', command: 'CONN' }, 'connection'],
    ['not an SMTP server', { code: 'EPROTOCOL', command: 'CONN', response: 'HTTP/1.1 400 Bad Request' }, 'connection'],
    ['421 at EHLO', reply('EHLO', '421 4.3.2 Service not available', 'ECONNECTION'), 'connection'],
    ['self-signed certificate', { code: 'ESOCKET', originalCode: 'DEPTH_ZERO_SELF_SIGNED_CERT', command: 'CONN' }, 'tls'],
    ['STARTTLS refused', reply('STARTTLS', '454 4.7.0 TLS not available due to local problem', 'ETLS'), 'tls'],
    ['STARTTLS not offered', { code: 'ETLS', command: 'CONN' }, 'tls'],
    ['530 must STARTTLS first', reply('MAIL FROM', '530 5.7.0 Must issue a STARTTLS command first'), 'tls'],
    ['535 wrong password', reply('AUTH PLAIN', '535 5.7.8 Error: authentication failed', 'EAUTH'), 'auth'],
    ['no credentials', { code: 'EAUTH', command: 'API' }, 'auth'],
    ['530 login required', reply('MAIL FROM', '530 5.7.0 Authentication required'), 'auth'],
    ['553 at MAIL FROM', reply('MAIL FROM', '553 5.7.1 <a@x.test>: Sender address rejected: not owned by user k'), 'sender_rejected'],
    ['553 sender check deferred to RCPT TO', reply('RCPT TO', '553 5.7.1 <a@x.test>: Sender address rejected: not owned by user k'), 'sender_rejected'],
    ['550 unknown user', reply('RCPT TO', '550 5.1.1 <b@x.test>: Recipient address rejected: User unknown'), 'recipient_rejected'],
    ['452 too many recipients', reply('RCPT TO', '452 4.5.3 Error: too many recipients'), 'recipient_rejected'],
    ['554 content refused', reply('DATA', '554 5.7.1 Message rejected as spam', 'EMESSAGE'), 'message_rejected'],
    ['554 at DATA command', reply('DATA', '554 5.5.1 Error: no valid recipients'), 'message_rejected'],
    ['message too large for the server', { code: 'EMESSAGE', command: 'MAIL FROM' }, 'message_rejected'],
    ['nodemailer refusing the envelope', { code: 'EENVELOPE', command: 'API' }, 'address'],
    ['something else entirely', new Error('boom'), 'unknown'],
  ])('%s', (_case, error, expected) => {
    expect(classifySmtpFailure(error)).toBe(expected);
  });
});

describe('the SMTP command on an error', () => {
  it('keeps only known commands, so a custom AUTH line can never come through', () => {
    expect(smtpCommandOf('CONN')).toBe('CONNECT');
    expect(smtpCommandOf('AUTH PLAIN')).toBe('AUTH');
    expect(smtpCommandOf('AUTH XOAUTH2')).toBe('AUTH');
    expect(smtpCommandOf('RCPT TO')).toBe('RCPT TO');
    expect(smtpCommandOf('AUTHENTICATE dXNlcjpzZWNyZXQ=')).toBeUndefined();
    expect(smtpCommandOf('API')).toBeUndefined();
    expect(smtpCommandOf(42)).toBeUndefined();
  });
});

describe('a delivery error built from a server refusal', () => {
  it('carries class, reply code and command, and only the first line of the reply', () => {
    const error = smtpFailure(reply('RCPT TO', '550 5.1.1 User unknown\r\n550 second line'), 'email not accepted by relay:587');
    expect(error).toBeInstanceOf(MailDeliveryError);
    expect(error.errorClass).toBe('recipient_rejected');
    expect(error.replyCode).toBe(550);
    expect(error.command).toBe('RCPT TO');
    expect(error.message).toBe('email not accepted by relay:587 (recipient_rejected, EENVELOPE); command RCPT TO; server said: 550 5.1.1 User unknown');
  });

  it('has no reply code when the server never answered', () => {
    const error = smtpFailure({ code: 'ESOCKET', originalCode: 'ECONNREFUSED', command: 'CONN' }, 'x');
    expect(error.replyCode).toBeUndefined();
    expect(error.command).toBe('CONNECT');
  });
});

describe('the non-secret failure summary for audit rows and log lines', () => {
  it('holds the class, reply code and command and nothing of the message or reply text', () => {
    const error = smtpFailure(reply('MAIL FROM', '553 5.7.1 <no-reply@x.test>: Sender address rejected'), 'email not accepted');
    const summary: AuditEntry['detail'] = mailFailureSummary(error);
    expect(summary).toEqual({ errorClass: 'sender_rejected', replyCode: 553, command: 'MAIL FROM' });
    expect(JSON.stringify(summary)).not.toContain('no-reply@x.test');
  });

  it('leaves out what the failure does not have', () => {
    expect(mailFailureSummary(new MailDeliveryError('closed', 'email sender is closed'))).toEqual({ errorClass: 'closed' });
  });

  it('calls anything that is not a MailDeliveryError unknown, without reading its message', () => {
    expect(mailFailureSummary(new Error('550 contains the code 048213'))).toEqual({ errorClass: 'unknown' });
    expect(mailFailureSummary('a string')).toEqual({ errorClass: 'unknown' });
  });

  it('tells provider-level failures (the relay is unusable for everyone) from recipient-level ones', () => {
    const provider: MailDeliveryFailure[] = ['connection', 'tls', 'auth', 'sender_rejected'];
    const other: MailDeliveryFailure[] = ['recipient_rejected', 'message_rejected', 'address', 'closed', 'unknown'];
    expect(provider.filter(isProviderLevelFailure)).toEqual(provider);
    expect(other.filter(isProviderLevelFailure)).toEqual([]);
  });
});
