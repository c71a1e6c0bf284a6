import { describe, expect, it } from 'vitest';
import { createDemoOutbox } from '../../../electron/core/mail/demo-outbox.js';
import { MailDeliveryError } from '../../../electron/core/mail/mail-errors.js';
import type { Clock } from '../../../electron/core/ports.js';

function steppingClock(startIso: string, stepSeconds: number): Clock {
  let next = new Date(startIso).getTime();
  return {
    now() {
      const current = new Date(next);
      next += stepSeconds * 1000;
      return current;
    },
  };
}

const email = { to: 'ada@example.ac.uk', subject: 'Your code', text: 'Code 123456', html: '<p>Code 123456</p>' };

describe('demo outbox', () => {
  it('keeps every email and text message in the order sent, with increasing ids and the clock time', async () => {
    const outbox = createDemoOutbox(steppingClock('2026-11-26T09:00:00.000Z', 30));
    await outbox.email.send(email);
    await outbox.sms.send({ to: '+447700900123', text: 'Code 654321' });
    await outbox.email.send({ ...email, subject: 'Password reset', text: 'Your password was reset' });

    expect(outbox.messages()).toEqual([
      { id: 1, channel: 'email', to: 'ada@example.ac.uk', subject: 'Your code', text: 'Code 123456', sentAt: '2026-11-26T09:00:00.000Z' },
      { id: 2, channel: 'sms', to: '+447700900123', subject: '', text: 'Code 654321', sentAt: '2026-11-26T09:00:30.000Z' },
      { id: 3, channel: 'email', to: 'ada@example.ac.uk', subject: 'Password reset', text: 'Your password was reset', sentAt: '2026-11-26T09:01:00.000Z' },
    ]);
  });

  it('starts empty', () => {
    expect(createDemoOutbox(steppingClock('2026-11-26T09:00:00Z', 1)).messages()).toEqual([]);
  });

  it('hands out copies, so a caller cannot change what was kept', async () => {
    const outbox = createDemoOutbox(steppingClock('2026-11-26T09:00:00Z', 1));
    await outbox.email.send(email);
    const first = outbox.messages();
    first[0]!.text = 'tampered';
    first.push({ ...first[0]!, id: 99 });
    expect(outbox.messages()).toHaveLength(1);
    expect(outbox.messages()[0]!.text).toBe('Code 123456');
  });

  it('answers a relay probe at once and keeps nothing: there is no relay to reach', async () => {
    const outbox = createDemoOutbox(steppingClock('2026-11-26T09:00:00Z', 1));
    await expect(outbox.email.probe()).resolves.toBeUndefined();
    expect(outbox.messages()).toEqual([]);
  });

  it('names its text provider "demo"', () => {
    expect(createDemoOutbox(steppingClock('2026-11-26T09:00:00Z', 1)).sms.name).toBe('demo');
  });

  it('refuses a message without a recipient and keeps nothing', async () => {
    const outbox = createDemoOutbox(steppingClock('2026-11-26T09:00:00Z', 1));
    await expect(outbox.email.send({ ...email, to: ' ' })).rejects.toBeInstanceOf(MailDeliveryError);
    await expect(outbox.sms.send({ to: '', text: 'x' })).rejects.toMatchObject({ errorClass: 'address' });
    expect(outbox.messages()).toEqual([]);
  });

  it('keeps its messages when the sender is closed', async () => {
    const outbox = createDemoOutbox(steppingClock('2026-11-26T09:00:00Z', 1));
    await outbox.email.send(email);
    outbox.email.close();
    expect(outbox.messages().map((message) => message.id)).toEqual([1]);
  });
});
