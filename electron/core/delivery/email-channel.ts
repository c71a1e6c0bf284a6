import type { KioskConfig } from '../../../shared/config/config-schema.js';
import { codeEmail, type MailBranding } from '../mail/templates.js';
import type { Clock, EmailSender } from '../ports.js';
import { createChannelHealth } from './channel-health.js';
import type { DeliveryChannel } from './delivery-channel.js';

export function mailBrandingOf(config: KioskConfig): MailBranding {
  const { organisationName, departmentName, serviceDesk } = config.branding;
  return { organisationName, departmentName, serviceDesk };
}

/** Codes by email through the kiosk's sender (SMTP, or the demo outbox). */
export function createEmailChannel(deps: {
  email: EmailSender;
  config: KioskConfig;
  clock: Clock;
  onHealthChange?: Parameters<typeof createChannelHealth>[0]['onChange'];
}): DeliveryChannel {
  const { email, config, clock } = deps;
  const branding = mailBrandingOf(config);
  return {
    method: 'email',
    contactKind: 'email',
    health: createChannelHealth({
      probe: () => email.probe(),
      clock,
      maxAgeMs: config.delivery.probeMaxAgeSeconds * 1000,
      downRetryMaxMs: config.delivery.downRetryMaxSeconds * 1000,
      ...(deps.onHealthChange === undefined ? {} : { onChange: deps.onHealthChange }),
    }),
    async sendCode(to, code, purpose, language) {
      // Rendered per send and inside the background task, so a template refusal is a failed send like any other.
      const message = codeEmail({ branding, code, ttlMinutes: config.codes.ttlMinutes, purpose, language });
      await email.send({ to, ...message });
    },
  };
}
