import type { EmailSender, OutgoingEmail } from '../../electron/core/ports.js';

export type SendBehaviour = 'deliver' | 'fail' | 'hold';

/**
 * An EmailSender for tests: records what was sent, and can fail (like an SMTP server refusing) or
 * hold every send until released (like a slow server), to show that no response waits on mail.
 */
export function createRecordingEmailSender(behaviour: SendBehaviour = 'deliver') {
  const sent: OutgoingEmail[] = [];
  const attempted: OutgoingEmail[] = [];
  const held: (() => void)[] = [];
  let mode = behaviour;
  let closed = false;

  const sender: EmailSender = {
    async send(message) {
      attempted.push(message);
      if (mode === 'fail') throw new Error('550 mailbox unavailable');
      if (mode === 'hold') await new Promise<void>((resolve) => held.push(resolve));
      sent.push(message);
    },
    async probe() {
      if (mode === 'fail') throw new Error('relay unavailable');
    },
    close() {
      closed = true;
    },
  };

  return {
    sender,
    sent,
    attempted,
    setBehaviour(next: SendBehaviour) {
      mode = next;
    },
    releaseHeld() {
      for (const release of held.splice(0)) release();
    },
    get heldCount() {
      return held.length;
    },
    get closed() {
      return closed;
    },
  };
}
