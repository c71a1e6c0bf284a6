import { z } from 'zod';
import type { KioskConfig } from '../../../shared/config/config-schema.js';
import { mailBrandingOf } from '../delivery/email-channel.js';
import { accountNoticeEmail, type AccountNoticeKind, type RenderedEmail } from '../mail/templates.js';
import { methodNoticeKinds, methodNoticeEmail, type MethodNoticeKind } from '../mail/method-notice.js';
import { methodNoticeText } from '../sms/method-notice-text.js';
import { noticeText } from '../sms/notice-text.js';

/**
 * The notices the kiosk queues after a change. The outbox keeps only the template's non-secret inputs
 * (whose password, when, at which kiosk), so a message can be rendered again on every retry, after a
 * restart, by whichever kiosk picks it up.
 */
const accountNotice = z.object({ username: z.string().min(1), at: z.string().min(1), kioskId: z.string().min(1), kioskLocation: z.string() }).strict();
const noticeKinds: readonly AccountNoticeKind[] = ['password_reset', 'password_changed', 'account_unlocked', 'blocks_cleared'];

export type NoticePayload = z.infer<typeof accountNotice>;

/** A change to the person's reset methods: which kind, masked, never the full value. */
const methodNotice = accountNotice
  .extend({ method: z.enum(['email', 'phone', 'app']), masked: z.string().max(200), replacesMasked: z.string().max(200).optional() })
  .strict();
export type MethodNoticePayload = z.infer<typeof methodNotice>;
const isMethodNotice = (kind: string): kind is MethodNoticeKind => (methodNoticeKinds as readonly string[]).includes(kind);

function parsed(kind: string, payload: string): { kind: AccountNoticeKind; input: NoticePayload } {
  if (!(noticeKinds as readonly string[]).includes(kind)) throw new Error(`Unknown notice kind: ${kind.slice(0, 40)}`);
  return { kind: kind as AccountNoticeKind, input: accountNotice.parse(JSON.parse(payload)) };
}

/** The same notice as a text message, for a verified mobile. */
export function renderNoticeText(kind: string, payload: string, config: KioskConfig): string {
  if (isMethodNotice(kind)) {
    const input = methodNotice.parse(JSON.parse(payload));
    const { organisationName, serviceDesk } = config.branding;
    return methodNoticeText({ kind, method: input.method, masked: input.masked, organisationName, when: new Date(input.at), deskName: serviceDesk.name, deskPhone: serviceDesk.phone });
  }
  const notice = parsed(kind, payload);
  const { organisationName, serviceDesk } = config.branding;
  return noticeText({ kind: notice.kind, organisationName, when: new Date(notice.input.at), deskName: serviceDesk.name, deskPhone: serviceDesk.phone });
}

export function renderNotice(kind: string, payload: string, config: KioskConfig): RenderedEmail {
  if (isMethodNotice(kind)) {
    const input = methodNotice.parse(JSON.parse(payload));
    return methodNoticeEmail({
      kind,
      branding: mailBrandingOf(config),
      username: input.username,
      method: input.method,
      masked: input.masked,
      ...(input.replacesMasked === undefined ? {} : { replacesMasked: input.replacesMasked }),
      when: new Date(input.at),
      kioskId: input.kioskId,
      kioskLocation: input.kioskLocation,
    });
  }
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
