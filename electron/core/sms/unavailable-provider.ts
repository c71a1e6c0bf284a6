import type { SmsProvider } from '../ports.js';
import { SmsDeliveryError } from './sms-errors.js';

/** sms.provider: none. Every send and probe fails as `closed` (code NOT_AVAILABLE), so callers need no special case. */
export function createUnavailableSmsProvider(): SmsProvider {
  const unavailable = () => new SmsDeliveryError('closed', 'text messages are not available (sms.provider is none)');
  return {
    name: 'none',
    async send(): Promise<void> {
      throw unavailable();
    },
    async probe(): Promise<void> {
      throw unavailable();
    },
  };
}
