import type { CodePurpose, VerificationMethod } from '../../../shared/flow/stages.js';
import type { Language } from '../../../shared/i18n/languages.js';
import type { ContactRecord } from '../ports.js';
import type { ChannelHealth } from './channel-health.js';

/**
 * One way of sending a code (email, text). The channel renders and sends one message to one
 * recipient; what a failure means to the person is decided by code-delivery.ts, not here.
 */
export interface DeliveryChannel {
  method: VerificationMethod;
  /** Which registered contacts receive this channel's codes. */
  contactKind: ContactRecord['kind'];
  health: ChannelHealth;
  /** 'register': the code proves a new email or mobile is the person's (it goes to that new address). */
  /** `language`: the walk-up session's when the code was asked for; the message is written in it. */
  sendCode(to: string, code: string, purpose: CodePurpose | 'register', language: Language): Promise<void>;
}

export type DeliveryChannels = Partial<Record<VerificationMethod, DeliveryChannel>>;
