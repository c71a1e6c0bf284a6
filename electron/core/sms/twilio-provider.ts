import type { TwilioSmsConfig } from '../../../shared/config/sms-config-schema.js';
import type { OutgoingText, SmsProvider } from '../ports.js';
import { exchange, type FetchFunction } from './http-exchange.js';
import { statusClass, statusFailure } from './http-status.js';
import { checkedRecipient } from './recipient.js';
import { secretFromEnv } from './secret-env.js';
import type { SmsErrorClass } from './sms-errors.js';

/**
 * Twilio's Messages API spoken directly with fetch (no SDK: its host cannot be pointed at a test
 * server): a form POST of To, From (or MessagingServiceSid) and Body, with HTTP Basic auth of the
 * Account SID and the auth token, to /2010-04-01/Accounts/{sid}/Messages.json.
 */

/**
 * Twilio answers every refused message with HTTP 400 and its own error code, so the code decides
 * whose problem it is. Refusals of this number: 21211 invalid To, 21408 region not enabled,
 * 21610 the person texted STOP, 21612 not reachable by SMS, 21614 not a mobile, 21635 a landline.
 * Our configuration: 21212 invalid From, 21601/21606/21659/21661 From cannot send, 21602 no Body,
 * 21603 no From, 21617 Body too long. Any other code falls back to the plain status meaning.
 */
const recipientCodes = new Set([21211, 21408, 21610, 21612, 21614, 21635]);
const configurationCodes = new Set([21212, 21601, 21602, 21603, 21606, 21617, 21659, 21661]);

/** Twilio's numeric error code from a JSON error body; its `message` is never read, it quotes the number. */
function twilioCode(body: string): number | undefined {
  try {
    const parsed = JSON.parse(body) as { code?: unknown };
    return typeof parsed.code === 'number' && Number.isInteger(parsed.code) ? parsed.code : undefined;
  } catch {
    return undefined;
  }
}

function sendFailureClass(status: number, code: number | undefined): SmsErrorClass | null {
  const byStatus = statusClass(status, 'send');
  if (byStatus === null || code === undefined) return byStatus;
  if (recipientCodes.has(code)) return 'rejected_recipient';
  if (configurationCodes.has(code)) return 'provider';
  return byStatus;
}

export function createTwilioSmsProvider(
  config: TwilioSmsConfig,
  deps: { env: Record<string, string | undefined>; fetch?: FetchFunction },
): SmsProvider {
  const fetchFunction = deps.fetch ?? fetch;
  const timeoutMs = config.timeoutSeconds * 1000;
  const token = secretFromEnv(deps.env, config.authTokenEnv, 'sms.authTokenEnv');
  const authorization = `Basic ${Buffer.from(`${config.accountSid}:${token}`).toString('base64')}`;
  const account = `${config.baseUrl.replace(/\/+$/, '')}/2010-04-01/Accounts/${config.accountSid}`;
  const sender: [string, string] =
    config.messagingServiceSid !== undefined ? ['MessagingServiceSid', config.messagingServiceSid] : ['From', config.from ?? ''];

  return {
    name: 'twilio',
    async send(message: OutgoingText): Promise<void> {
      const recipient = checkedRecipient(message.to);
      const url = `${account}/Messages.json`;
      const answer = await exchange(fetchFunction, {
        url,
        method: 'POST',
        headers: { authorization, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', accept: 'application/json' },
        body: new URLSearchParams([['To', recipient.e164], sender, ['Body', message.text]]).toString(),
        timeoutMs,
        purpose: 'text message',
      });
      const code = answer.status >= 400 ? twilioCode(answer.body) : undefined;
      const failure = sendFailureClass(answer.status, code);
      if (failure !== null) {
        throw statusFailure(failure, answer.status, { url, purpose: 'text message', ...(code === undefined ? {} : { detail: `Twilio error ${code}` }) });
      }
    },
    /** Reads the account itself: proves the host, the Account SID, the token, and that the account is active. */
    async probe(): Promise<void> {
      const url = `${account}.json`;
      const answer = await exchange(fetchFunction, { url, method: 'GET', headers: { authorization, accept: 'application/json' }, timeoutMs, purpose: 'probe' });
      const failure = statusClass(answer.status, 'probe');
      if (failure !== null) throw statusFailure(failure, answer.status, { url, purpose: 'probe' });
      const status = accountStatus(answer.body);
      if (status !== undefined && status !== 'active') {
        throw statusFailure('provider', answer.status, { url, purpose: 'probe', detail: `account ${status}` });
      }
    },
  };
}

/** "active", "suspended" or "closed"; anything else is not repeated. */
function accountStatus(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { status?: unknown };
    return typeof parsed.status === 'string' && /^[a-z_]{1,20}$/.test(parsed.status) ? parsed.status : undefined;
  } catch {
    return undefined;
  }
}
