import type { MessageId } from '../../../shared/i18n/catalogues.js';
import { MailInputError } from '../mail/mail-errors.js';
import { methodNoticeKinds, type MethodNoticeKind, type NoticeMethodKind } from '../mail/method-notice.js';
import { checkedValue } from '../mail/template-values.js';
import { kioskNoticeText, type NoticeTextContext } from './notice-text.js';

const what = {
  method_added: 'notifications.text.notice.method_added',
  method_replaced: 'notifications.text.notice.method_replaced',
  method_removed: 'notifications.text.notice.method_removed',
} as const satisfies Record<MethodNoticeKind, MessageId>;
const methodKinds: readonly NoticeMethodKind[] = ['email', 'phone', 'app'];

/**
 * The text-message notice of a change to a person's reset methods, for their mobiles before and after
 * the change. Like the other notices it holds no link and no username. A mobile is named by its last
 * three digits ("ending in 321", in GSM-7, where the mask's dots would double the text's cost); an
 * email by its kind alone (even masked, some phones would make a link of it).
 */
export function methodNoticeText(
  input: NoticeTextContext & {
    kind: MethodNoticeKind;
    method: NoticeMethodKind;
    /** Masked number of a mobile ("+44 •••• ••• 321"): only its last three digits are used; ignored for other kinds. */
    masked: string;
  },
): string {
  if (!methodNoticeKinds.includes(input.kind) || !methodKinds.includes(input.method)) throw new MailInputError('kind', 'must be a known notice');
  const lastDigits = input.method === 'phone' ? /([0-9]{3})$/.exec(checkedValue('masked', input.masked, { required: false }))?.[1] : undefined;
  // The catalogue's select: "phone" names the last digits, "mobile" (its other branch) a number without them.
  const method = input.method === 'phone' && lastDigits === undefined ? 'mobile' : input.method;
  return kioskNoticeText(input, what[input.kind], { method, digits: lastDigits ?? '' });
}
