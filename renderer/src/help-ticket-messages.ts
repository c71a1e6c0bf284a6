import { untilWords } from './time-of-day.js';

/**
 * The words of "Get a help ticket" on the public screens. Said to everyone alike: they depend on the
 * screen and the refusal shown, never on the account, so an unknown name reads exactly as a real one.
 */
export type TicketOfferReason = 'no_code' | 'not_registered' | 'blocked';

export const ticketOfferWords = {
  heading: 'Need help in person?',
  button: 'Get a help ticket',
  lead: {
    no_code: (deskName: string) =>
      `No code coming? Get a help ticket and take it to the ${deskName}. It tells them what you tried here, so you do not have to explain it all again.`,
    not_registered: (deskName: string) =>
      `Not set up for codes, or not sure? Get a help ticket and take it to the ${deskName}. It tells them what you tried here, so you do not have to explain it all again.`,
    blocked: (deskName: string) =>
      `You cannot try again here for now. Get a help ticket and the ${deskName} can help you in person; it tells them what you tried here.`,
  } satisfies Record<TicketOfferReason, (deskName: string) => string>,
} as const;

export const helpTicketWords = {
  heading: 'Your help ticket',
  lead: (deskName: string) => `Take this ticket to the ${deskName}. It tells them what you tried here, so you do not have to explain it again.`,
  codeLabel: 'Ticket',
  validUntil: (expiresAt: string, now = new Date()) => {
    const until = untilWords(expiresAt, now);
    if (until === null) return null;
    // untilWords says "tomorrow at 09:05" or a weekday itself; a bare time is today's.
    return /^\d/.test(until) ? `Valid until ${until} today.` : `Valid until ${until}.`;
  },
  stepsHeading: 'What to do now',
  steps: (deskName: string) => [
    `Go to the ${deskName}: where to find it is below.`,
    'Show them this ticket, or read it out.',
    'Bring a photo ID: they check it in person before changing anything.',
  ],
  keep: 'Write the ticket down or take a photo of it: this screen clears when you finish.',
  finish: 'Finish',
} as const;
