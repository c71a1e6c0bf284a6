import { z } from 'zod';
import type { KioskConfig } from '../../../shared/config/config-schema.js';
import { mailBrandingOf } from '../delivery/email-channel.js';
import { accountNoticeEmail, type AccountNoticeKind, type RenderedEmail } from '../mail/templates.js';
import { noticeText } from '../sms/notice-text.js';

/**
 * The notices the kiosk queues after a change. The outbox keeps only the template's non-secret inputs
 * (whose password, when, at which kiosk), so a message can be rendered again on every retry, after a
 * restart, by whichever kiosk picks it up.
 */
const accountNotice = z.object({ username: z.string().min(1), at: z.string().min(1), kioskId: z.string().min(1), kioskLocation: z.string() }).strict();
const noticeKinds: readonly AccountNoticeKind[] = ['password_reset', 'password_changed', 'account_unlocked'];

export type NoticePayload = z.infer<typeof accountNotice>;

function parsed(kind: string, payload: string): { kind: AccountNoticeKind; input: NoticePayload } {
  if (!(noticeKinds as readonly string[]).includes(kind)) throw new Error(`Unknown notice kind: ${kind.slice(0, 40)}`);
  return { kind: kind as AccountNoticeKind, input: accountNotice.parse(JSON.parse(payload)) };
}

/** The same notice as a text message, for a verified mobile. */
export function renderNoticeText(kind: string, payload: string, config: KioskConfig): string {
  const notice = parsed(kind, payload);
  const { organisationName, serviceDesk } = config.branding;
  return noticeText({ kind: notice.kind, organisationName, when: new Date(notice.input.at), deskName: serviceDesk.name, deskPhone: serviceDesk.phone });
}

export function renderNotice(kind: string, payload: string, config: KioskConfig): RenderedEmail {
  const { input } = parsed(kind, payload);
  return accountNoticeEmail({
    kind: parsed(kind, payload).kind,
    branding: mailBrandingOf(config),
    username: input.username,
    when: new Date(input.at),
    kioskId: input.kioskId,
    kioskLocation: input.kioskLocation,
  });
}
