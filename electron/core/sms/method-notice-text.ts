import { MailInputError } from '../mail/mail-errors.js';
import { methodNoticeKinds, type MethodNoticeKind, type NoticeMethodKind } from '../mail/method-notice.js';
import { checkedValue } from '../mail/template-values.js';
import { kioskNoticeText, type NoticeTextContext } from './notice-text.js';

const what: Record<MethodNoticeKind, Record<NoticeMethodKind, (mobile: string) => string>> = {
  method_added: { email: () => 'an email address was added to', phone: (mobile) => `${mobile} was added to`, app: () => 'an authenticator app was added to' },
  method_replaced: { email: () => 'an email address was changed on', phone: (mobile) => `${mobile} was changed on`, app: () => 'the authenticator app was changed on' },
  method_removed: { email: () => 'an email address was removed from', phone: (mobile) => `${mobile} was removed from`, app: () => 'the authenticator app was removed from' },
};

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
  if (!methodNoticeKinds.includes(input.kind) || what[input.kind]?.[input.method] === undefined) throw new MailInputError('kind', 'must be a known notice');
  const lastDigits = input.method === 'phone' ? /([0-9]{3})$/.exec(checkedValue('masked', input.masked, { required: false }))?.[1] : undefined;
  const mobile = lastDigits === undefined ? 'a mobile number' : `a mobile number ending in ${lastDigits}`;
  return kioskNoticeText(input, `${what[input.kind][input.method](mobile)} your account`);
}
