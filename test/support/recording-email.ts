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
  let probeFails = false;
  const refused = new Set<string>();
  let probes = 0;
  let closed = false;

  const sender: EmailSender = {
    async send(message) {
      attempted.push(message);
      if (mode === 'fail') throw new Error('550 mailbox unavailable');
      if (refused.has(message.to)) throw Object.assign(new Error('550 5.1.1 recipient refused'), { errorClass: 'recipient_rejected', replyCode: 550 });
      if (mode === 'hold') await new Promise<void>((resolve) => held.push(resolve));
      sent.push(message);
    },
    async probe() {
      probes += 1;
      // Like a relay that refuses connections: the class the kiosk's health check reads.
      if (probeFails) throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:587'), { errorClass: 'connection' });
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
    /** The relay refuses this one address at RCPT TO; every other address is delivered. */
    refuseRecipient(address: string) {
      refused.add(address);
    },
    /** Makes the relay itself unusable (probes fail), or usable again. */
    setRelayDown(down: boolean) {
      probeFails = down;
    },
    get probes() {
      return probes;
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
