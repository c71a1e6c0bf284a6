import { z } from 'zod';
import type { KioskConfig } from '../../../shared/config/config-schema.js';
import { mailBrandingOf } from '../delivery/email-channel.js';
import { resetNotificationEmail, type RenderedEmail } from '../mail/templates.js';

/**
 * The notices the kiosk queues after a change. The outbox keeps only the template's non-secret inputs
 * (whose password, when, at which kiosk), so a message can be rendered again on every retry, after a
 * restart, by whichever kiosk picks it up.
 */
const passwordResetNotice = z.object({ username: z.string().min(1), at: z.string().min(1), kioskId: z.string().min(1), kioskLocation: z.string() }).strict();

export const noticeKinds = { password_reset: passwordResetNotice } as const;
export type NoticeKind = keyof typeof noticeKinds;
export type NoticePayload<K extends NoticeKind> = z.infer<(typeof noticeKinds)[K]>;

export function renderNotice(kind: string, payload: string, config: KioskConfig): RenderedEmail {
  if (kind !== 'password_reset') throw new Error(`Unknown notice kind: ${kind.slice(0, 40)}`);
  const input = passwordResetNotice.parse(JSON.parse(payload));
  return resetNotificationEmail({
    branding: mailBrandingOf(config),
    username: input.username,
    when: new Date(input.at),
    kioskId: input.kioskId,
    kioskLocation: input.kioskLocation,
  });
}
