import type { KioskConfig } from '../../../shared/config/config-schema.js';
import type { Clock, SmsProvider } from '../ports.js';
import { codeText } from '../sms/text-templates.js';
import { createChannelHealth } from './channel-health.js';
import type { DeliveryChannel } from './delivery-channel.js';

/** Codes by text message through the configured provider (a gateway, Twilio, email-to-text, the demo inbox). */
export function createTextChannel(deps: {
  sms: SmsProvider;
  config: KioskConfig;
  clock: Clock;
  onHealthChange?: Parameters<typeof createChannelHealth>[0]['onChange'];
}): DeliveryChannel {
  const { sms, config, clock } = deps;
  return {
    method: 'sms',
    contactKind: 'phone',
    health: createChannelHealth({
      probe: () => sms.probe(),
      clock,
      maxAgeMs: config.delivery.probeMaxAgeSeconds * 1000,
      downRetryMaxMs: config.delivery.downRetryMaxSeconds * 1000,
      ...(deps.onHealthChange === undefined ? {} : { onChange: deps.onHealthChange }),
    }),
    async sendCode(to, code, purpose, language) {
      const text = codeText({ organisationName: config.branding.organisationName, code, ttlMinutes: config.codes.ttlMinutes, purpose, language });
      await sms.send({ to, text });
    },
  };
}
