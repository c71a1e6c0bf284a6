import { expect } from 'vitest';
import type { SessionView } from '../../shared/flow/stages.js';
import type { Result } from '../../shared/ipc/result.js';
import { valueOf, type TestKiosk } from './core-kiosk.js';

/** The demo people registration tests use, with their current passwords (electron/core/demo/demo-accounts.ts). */
export const passwords = {
  'amira.khan': 'Wq3nVb8zHt5kLp',
  'ben.okafor': 'Lp9xRm4cYd7sQw',
  'erin.walsh': 'Hv4mTq8zRn2cWx',
  'grace.nowak': 'Tc8vPw3qLm6rZy',
} as const;

export type RegisterView<S extends SessionView['stage']> = Extract<SessionView, { stage: S }>;

export const signInToRegister = (t: TestKiosk, username: string, password: string) => t.call('journey:signIn', { purpose: 'register', username, password });

/** Signs a demo person in to registration and returns the list of their methods. */
export async function registerAs(t: TestKiosk, username: keyof typeof passwords): Promise<RegisterView<'methods'>> {
  const view = valueOf(await signInToRegister(t, username, passwords[username]));
  expect(view.stage).toBe('methods');
  return view as RegisterView<'methods'>;
}

export function stageOf<S extends SessionView['stage']>(result: Result<SessionView>, stage: S): RegisterView<S> {
  const view = valueOf(result);
  expect(view.stage).toBe(stage);
  return view as RegisterView<S>;
}

/** The code in the newest message to `to` in the demo outbox (email or text), once the sender has run. */
export async function codeSentTo(t: TestKiosk, to: string): Promise<string> {
  await t.kiosk.settled();
  const message = t.kiosk.demoOutbox!.messages().filter((candidate) => candidate.to === to).at(-1);
  if (message === undefined) throw new Error(`No message to ${to}`);
  const match = /^\s*(?:[^\n]*code: )?(\d{6,10})\s*$/m.exec(message.text);
  if (match === null) throw new Error('No code in the message');
  return match[1]!;
}

/** Every message in the demo outbox sent after `since` messages. */
export async function messagesAfter(t: TestKiosk, since: number) {
  await t.kiosk.settled();
  return t.kiosk.demoOutbox!.messages().slice(since);
}
