import type { EmailGatewaySmsConfig } from '../../../shared/config/sms-config-schema.js';
import { MailDeliveryError, type MailDeliveryFailure } from '../mail/mail-errors.js';
import type { EmailSender, OutgoingText, SmsProvider } from '../ports.js';
import { regionCallingCode } from './phone-number.js';
import { checkedRecipient } from './recipient.js';
import { SmsDeliveryError, type SmsErrorClass } from './sms-errors.js';

/**
 * A carrier's email-to-text gateway: the text goes as a plain email (no subject, no HTML part,
 * which carriers would otherwise prepend or mangle) to an address made from the number, through the
 * kiosk's own email sender.
 */

/**
 * An SMTP refusal at RCPT TO concerns the address, and the address is the number here, so it counts
 * as the recipient; a refused sender or message is the gateway's (or our relay's) problem; TLS trouble
 * is a connection problem like any other.
 */
const classOfMailFailure: Record<MailDeliveryFailure, SmsErrorClass> = {
  address: 'address',
  connection: 'connection',
  tls: 'connection',
  auth: 'auth',
  sender_rejected: 'provider',
  recipient_rejected: 'rejected_recipient',
  message_rejected: 'provider',
  closed: 'closed',
  unknown: 'provider',
};

function mailFailure(error: unknown, purpose: string): SmsDeliveryError {
  if (error instanceof SmsDeliveryError) return error;
  // The mail error's own message may quote the server's reply, which can echo the address (the number).
  const failure = error instanceof MailDeliveryError ? error.errorClass : 'unknown';
  const errorClass = classOfMailFailure[failure];
  const reply = error instanceof MailDeliveryError && error.replyCode !== undefined ? `, SMTP ${error.replyCode}` : '';
  return new SmsDeliveryError(errorClass, `${purpose} not accepted by the email gateway (${errorClass}, mail ${failure}${reply})`);
}

export function createEmailGatewaySmsProvider(config: EmailGatewaySmsConfig, deps: { emailSender: EmailSender }): SmsProvider {
  const { emailSender } = deps;
  const national = config.addressTemplate.includes('{national}');
  const homeCode = regionCallingCode(config.defaultRegion);

  function address(to: unknown): string {
    const recipient = checkedRecipient(to);
    // A carrier gateway serves one country; a national number from elsewhere would reach a stranger.
    if (national && recipient.countryCallingCode !== homeCode) {
      throw new SmsDeliveryError('address', `recipient refused before sending (address, not a number of region ${config.defaultRegion})`);
    }
    const digits = national ? recipient.nationalNumber : recipient.e164.slice(1);
    return config.addressTemplate.replace(/\{(national|e164digits)\}/, digits);
  }

  return {
    name: 'email-gateway',
    async send(message: OutgoingText): Promise<void> {
      const to = address(message.to);
      try {
        await emailSender.send({ to, subject: '', text: message.text, html: '' });
      } catch (error) {
        throw mailFailure(error, 'text message');
      }
    },
    /** As healthy as the kiosk's email sender; a sender that cannot tell is taken as healthy. */
    async probe(): Promise<void> {
      if (emailSender.probe === undefined) return;
      try {
        await emailSender.probe();
      } catch (error) {
        throw mailFailure(error, 'probe');
      }
    },
  };
}
