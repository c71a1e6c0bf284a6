import { domainToASCII } from 'node:url';

export type EmailJudgement =
  | {
      ok: true;
      /** As it will be stored and mailed: the local part as typed, the domain in lower case. */
      address: string;
      /** The domain in ASCII (punycode), for the blocked-domain check. */
      asciiDomain: string;
    }
  | { ok: false; problem: 'EMAIL_INVALID' | 'EMAIL_DOMAIN_BLOCKED' };

// RFC 5322 dot-atom text: the addresses every relay delivers. Quoted local parts and non-ASCII local
// parts (which need SMTPUTF8 all the way) are refused: a code sent there might never arrive.
const localPart = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const asciiLabel = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const topLabel = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/**
 * A personal email address as typed at the kiosk: a real address (one @, a dot-atom local part of
 * at most 64 characters, a domain name of at least two labels; an internationalised domain is
 * accepted and checked in its ASCII form), and not at one of the organisation's own domains or their
 * subdomains (`registration.blockedEmailDomains`): the service page wants an address the person keeps
 * when they lose access to the organisation's mail.
 */
export function judgeEmailAddress(typed: string, blockedDomains: readonly string[]): EmailJudgement {
  const value = typed.trim().normalize('NFC');
  const at = value.lastIndexOf('@');
  if (at <= 0 || value.length > 254) return { ok: false, problem: 'EMAIL_INVALID' };
  const local = value.slice(0, at);
  const domain = value.slice(at + 1).toLowerCase().replace(/\.$/, '');
  if (local.length > 64 || !localPart.test(local) || domain === '' || domain.startsWith('[')) return { ok: false, problem: 'EMAIL_INVALID' };
  const asciiDomain = domainToASCII(domain);
  const labels = asciiDomain.split('.');
  const valid =
    asciiDomain !== '' &&
    asciiDomain.length <= 253 &&
    labels.length >= 2 &&
    labels.every((label) => asciiLabel.test(label)) &&
    topLabel.test(labels.at(-1) ?? '');
  if (!valid) return { ok: false, problem: 'EMAIL_INVALID' };
  const blocked = blockedDomains.some((entry) => {
    const blockedAscii = domainToASCII(entry.toLowerCase());
    return asciiDomain === blockedAscii || asciiDomain.endsWith(`.${blockedAscii}`);
  });
  if (blocked) return { ok: false, problem: 'EMAIL_DOMAIN_BLOCKED' };
  return { ok: true, address: `${local}@${domain}`, asciiDomain };
}

/** Two spellings of one address: the domain never differs by case, and in practice nor does the local part. */
export function sameEmailAddress(a: string, b: string): boolean {
  return a.normalize('NFC').toLowerCase() === b.normalize('NFC').toLowerCase();
}
