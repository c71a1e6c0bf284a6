import type { MessageId } from '../../shared/i18n/catalogues.js';
import type { Translator } from '../../shared/i18n/translator.js';
import { dayWord } from './time-of-day.js';

/**
 * The words of "Get a help ticket" on the public screens. Said to everyone alike: they depend on the
 * screen and the refusal shown, never on the account, so an unknown name reads exactly as a real one.
 */
export type TicketOfferReason = 'no_code' | 'not_registered' | 'blocked';

export const ticketOfferLeadIds: Record<TicketOfferReason, MessageId> = {
  no_code: 'walkUp.ticketOffer.no_code.lead',
  not_registered: 'walkUp.ticketOffer.not_registered.lead',
  blocked: 'walkUp.ticketOffer.blocked.lead',
};

export const helpTicketWords = {
  /** "Valid until 18:00 today.", "… tomorrow at 09:05." or a weekday; null for a time that does not parse. */
  validUntil: (words: Translator, expiresAt: string, now = new Date()): string | null => {
    const until = new Date(expiresAt);
    if (Number.isNaN(until.getTime())) return null;
    return words.t('walkUp.ticket.validUntil', { day: dayWord(until, now), until });
  },
  steps: (words: Translator, deskName: string): string[] => [
    words.t('walkUp.ticket.step.go', { desk: deskName }),
    words.t('walkUp.ticket.step.show'),
    words.t('walkUp.ticket.step.id'),
  ],
} as const;
