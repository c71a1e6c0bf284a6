import type { KioskConfig } from '../../../shared/config/config-schema.js';
import { reservedHeaderNames } from '../../../shared/config/sms-config-schema.js';
import { findAutoLinkableText } from '../mail/find-urls.js';
import { placeholdersUsed } from '../sms/body-template.js';
import { isE164, knownRegion } from '../sms/phone-number.js';

/**
 * The `sms` checks that need more than one key, or the phone-number library, which shared/ cannot
 * load. One `key: what was expected` line per problem, like the schema's own.
 */
export function smsConfigProblems(config: KioskConfig): string[] {
  const { sms } = config;
  const problems: string[] = [];
  if (knownRegion(sms.defaultRegion) === undefined) {
    problems.push(`sms.defaultRegion: expected a region with a telephone numbering plan, like GB or US (${sms.defaultRegion} is not one)`);
  }
  if (sms.provider === 'demo' && !config.demo) {
    problems.push('sms.provider: demo is only for demo mode (demo: true): it shows codes on the kiosk screen');
  }
  if (config.demo && sms.provider !== 'demo' && sms.provider !== 'none') {
    problems.push(`sms.provider: demo mode never sends real text messages; use demo or none, not ${sms.provider}`);
  }
  if (sms.provider !== 'none' && findAutoLinkableText(config.branding.organisationName).length > 0) {
    problems.push('branding.organisationName: must not contain a web or email address: phones turn it into a link in a text message');
  }

  const requireHttps = (key: string, url: string, allowInsecureHttp: boolean) => {
    if (url.toLowerCase().startsWith('http://') && !allowInsecureHttp) {
      problems.push(`${key}: expected an https:// URL (http:// sends messages and credentials in clear; sms.allowInsecureHttp: true allows it for a test gateway)`);
    }
  };

  if (sms.provider === 'http') {
    requireHttps('sms.url', sms.url, sms.allowInsecureHttp);
    if (sms.healthCheck !== undefined) requireHttps('sms.healthCheck.url', sms.healthCheck.url, sms.allowInsecureHttp);
    const used = placeholdersUsed(sms.body.template);
    const absent = ['to', 'text'].filter((name) => !used.has(name));
    if (absent.length > 0) {
      problems.push(`sms.body.template: expected ${absent.map((name) => `{${name}}`).join(' and ')} in some field (the number and the message)`);
    }
    if (used.has('from') && sms.from === undefined) problems.push('sms.from: required, because sms.body.template uses {from}');
    if (sms.secretHeader !== undefined) {
      const secretName = sms.secretHeader.name.toLowerCase();
      if (Object.keys(sms.headers).some((name) => name.toLowerCase() === secretName)) {
        problems.push(`sms.secretHeader.name: ${sms.secretHeader.name} is also in sms.headers; set it in one place`);
      } else if (secretName !== 'authorization' && secretName !== 'proxy-authorization' && reservedHeaderNames.includes(secretName)) {
        problems.push(`sms.secretHeader.name: the kiosk sets ${sms.secretHeader.name} itself`);
      }
    }
  }

  if (sms.provider === 'twilio') {
    requireHttps('sms.baseUrl', sms.baseUrl, sms.allowInsecureHttp);
    if (sms.from === undefined && sms.messagingServiceSid === undefined) {
      problems.push('sms.from: expected the sending number (E.164), or sms.messagingServiceSid instead');
    } else if (sms.from !== undefined && sms.messagingServiceSid !== undefined) {
      problems.push('sms.from: set sms.from or sms.messagingServiceSid, not both');
    } else if (sms.from !== undefined && !isE164(sms.from)) {
      problems.push('sms.from: expected a valid phone number in E.164 form, like +447400123456');
    }
  }
  return problems;
}
