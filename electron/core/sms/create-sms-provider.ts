import type { SmsConfig } from '../../../shared/config/sms-config-schema.js';
import type { EmailSender, SmsProvider } from '../ports.js';
import { createEmailGatewaySmsProvider } from './email-gateway-provider.js';
import type { FetchFunction } from './http-exchange.js';
import { createHttpSmsProvider } from './http-provider.js';
import { SmsConfigError } from './sms-errors.js';
import { createTwilioSmsProvider } from './twilio-provider.js';
import { createUnavailableSmsProvider } from './unavailable-provider.js';

export interface SmsProviderDeps {
  /** Where secretHeader.valueEnv / authTokenEnv are looked up (process.env in the kiosk). */
  env: Record<string, string | undefined>;
  /** The kiosk's email sender, for the email-gateway provider. */
  emailSender?: EmailSender | null;
  /** The demo outbox (demo mode only), for the demo provider. */
  demoOutbox?: { sms: SmsProvider } | null;
  /** Node's fetch unless a test hands in another. */
  fetch?: FetchFunction;
}

function missing(what: string, provider: string): SmsConfigError {
  return new SmsConfigError('SMS_DEPENDENCY_MISSING', `sms.provider ${provider} needs ${what}, and none was given`);
}

/**
 * The text-message provider the configuration names, built once at start-up. Throws an
 * SmsConfigError (naming the variable or key, never a value) when a secret is missing, so a kiosk
 * that cannot send texts says so before anyone stands in front of it.
 */
export function createSmsProvider(config: SmsConfig, deps: SmsProviderDeps): SmsProvider {
  switch (config.provider) {
    case 'none':
      return createUnavailableSmsProvider();
    case 'demo':
      if (!deps.demoOutbox) throw missing('the demo outbox (demo mode)', config.provider);
      return deps.demoOutbox.sms;
    case 'http':
      return createHttpSmsProvider(config, { env: deps.env, ...(deps.fetch === undefined ? {} : { fetch: deps.fetch }) });
    case 'twilio':
      return createTwilioSmsProvider(config, { env: deps.env, ...(deps.fetch === undefined ? {} : { fetch: deps.fetch }) });
    case 'email-gateway':
      if (!deps.emailSender) throw missing('the kiosk email sender', config.provider);
      return createEmailGatewaySmsProvider(config, { emailSender: deps.emailSender });
    default:
      throw new Error(`unknown sms.provider ${JSON.stringify((config as { provider: unknown }).provider)}`);
  }
}
