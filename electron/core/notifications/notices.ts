import { z } from 'zod';
import type { KioskConfig } from '../../../shared/config/config-schema.js';
import { languageSchema, type Language } from '../../../shared/i18n/languages.js';
import { mailBrandingOf } from '../delivery/email-channel.js';
import { accountNoticeEmail, type AccountNoticeKind, type RenderedEmail } from '../mail/templates.js';
import { methodNoticeKinds, methodNoticeEmail, type MethodNoticeKind } from '../mail/method-notice.js';
import { methodNoticeText } from '../sms/method-notice-text.js';
import { noticeText } from '../sms/notice-text.js';

/**
 * The notices the kiosk queues after a change. The outbox keeps only the template's non-secret inputs
 * (whose password, when, at which kiosk), so a message can be rendered again on every retry, after a
 * restart, by whichever kiosk picks it up. The language is kept beside them, in its own column.
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

/**
 * The language a queued notice is written in: the one stored with it, or the kiosk's default for a row
 * queued before languages were kept (or naming one this build no longer knows).
 */
export function noticeLanguage(stored: string | null, config: KioskConfig): Language {
  const parsedLanguage = languageSchema.safeParse(stored);
  return parsedLanguage.success ? parsedLanguage.data : config.languages.default;
}

/** The same notice as a text message, for a verified mobile. */
export function renderNoticeText(kind: string, payload: string, config: KioskConfig, language: Language = config.languages.default): string {
  const { organisationName, serviceDesk } = config.branding;
  const context = { organisationName, deskName: serviceDesk.name, deskPhone: serviceDesk.phone, language };
  if (isMethodNotice(kind)) {
    const input = methodNotice.parse(JSON.parse(payload));
    return methodNoticeText({ ...context, kind, method: input.method, masked: input.masked, when: new Date(input.at) });
  }
  const notice = parsed(kind, payload);
  return noticeText({ ...context, kind: notice.kind, when: new Date(notice.input.at) });
}

export function renderNotice(kind: string, payload: string, config: KioskConfig, language: Language = config.languages.default): RenderedEmail {
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
      language,
    });
  }
  const notice = parsed(kind, payload);
  return accountNoticeEmail({
    kind: notice.kind,
    branding: mailBrandingOf(config),
    username: notice.input.username,
    when: new Date(notice.input.at),
    kioskId: notice.input.kioskId,
    kioskLocation: notice.input.kioskLocation,
    language,
  });
}
