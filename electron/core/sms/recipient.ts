import { parsePhoneNumber, type PhoneNumberResult } from './phone-number.js';
import { SmsDeliveryError } from './sms-errors.js';

export type Recipient = Extract<PhoneNumberResult, { ok: true }>;

/**
 * The port promises E.164; a provider checks it again before anything leaves the kiosk, so a number
 * that slipped past enrolment (a landline, a typo, national form) is refused here as `address`
 * rather than spent at the gateway. The message says why, never the number.
 */
export function checkedRecipient(to: unknown): Recipient {
  const parsed = parsePhoneNumber(to, undefined);
  if (!parsed.ok) throw new SmsDeliveryError('address', `recipient refused before sending (address, ${parsed.reason})`);
  if (parsed.e164 !== to) throw new SmsDeliveryError('address', 'recipient refused before sending (address, not in E.164 form)');
  return parsed;
}
