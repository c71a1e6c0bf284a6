import type { DemoMessage } from '../../../shared/ipc/contract.js';
import type { Clock, EmailSender, OutgoingEmail, OutgoingText, SmsProvider } from '../ports.js';
import { MailDeliveryError } from './mail-errors.js';

/**
 * Demo and training mode: every email and text message is kept in memory, in order, for the kiosk
 * to show on screen. Nothing leaves the machine, so a demo can never reach a real person.
 */
export interface DemoOutbox {
  email: EmailSender;
  sms: SmsProvider;
  messages(): DemoMessage[];
  /**
   * Forgets every message kept so far: called when a walk-up session ends, so the next visitor never
   * sees an earlier one's codes. Ids keep counting up, so a message is never mistaken for an older one.
   */
  clear(): void;
}

export function createDemoOutbox(clock: Clock): DemoOutbox {
  const kept: DemoMessage[] = [];
  let lastId = 0;

  function keep(message: Omit<DemoMessage, 'id' | 'sentAt'>): void {
    if (typeof message.to !== 'string' || message.to.trim() === '') {
      throw new MailDeliveryError('address', 'recipient must not be empty');
    }
    lastId += 1;
    kept.push({ id: lastId, sentAt: clock.now().toISOString(), ...message });
  }

  return {
    email: {
      async send(message: OutgoingEmail): Promise<void> {
        keep({ channel: 'email', to: message.to, subject: message.subject, text: message.text });
      },
      async probe(): Promise<void> {
        // The demo's outbox is always there: nothing to reach.
      },
      close(): void {
        // Nothing to release: the outbox lives as long as the demo session does.
      },
    },
    sms: {
      name: 'demo',
      async send(message: OutgoingText): Promise<void> {
        keep({ channel: 'sms', to: message.to, subject: '', text: message.text });
      },
      async probe(): Promise<void> {
        // Always healthy: the outbox is memory in this process.
      },
    },
    messages: () => kept.map((message) => ({ ...message })),
    clear: () => void kept.splice(0),
  };
}
