import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../electron/core/config/config-error.js';
import { validateConfig } from '../../../electron/core/config/load-config.js';

/**
 * The `sms` key, good and bad: each problem is one `key: what was expected` line, and no line
 * repeats a value that could be secret.
 */
const base = {
  branding: { organisationName: 'Example College', serviceDesk: { name: 'Help Desk' } },
  store: { path: 'data/kiosk.db' },
  mail: { from: 'IT <it@college.example>', smtp: { host: 'smtp.college.example' } },
};
const sid = `AC${'0123456789abcdef'.repeat(2)}`;
const serviceSid = `MG${'0123456789abcdef'.repeat(2)}`;
const http = {
  provider: 'http',
  url: 'https://sms.college.example/api/messages?key=abc',
  body: { encoding: 'json', template: { to: '{to}', message: '{text}' } },
};

function load(sms: unknown, extra: object = {}) {
  return validateConfig({ ...base, ...extra, sms }, 'kiosk.yaml', path.resolve('/tmp'));
}

function problemsOf(sms: unknown, extra: object = {}): string[] {
  try {
    load(sms, extra);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('Expected a ConfigError');
}

describe('sms configuration that works', () => {
  it('defaults to no text messages, reading national numbers as British', () => {
    expect(validateConfig(base, 'kiosk.yaml', '/tmp').sms).toEqual({ provider: 'none', defaultRegion: 'GB' });
  });

  it('fills in the http gateway’s defaults: POST, no extra headers, 10 s, https only', () => {
    expect(load(http).sms).toEqual({
      ...http,
      defaultRegion: 'GB',
      method: 'POST',
      headers: {},
      timeoutSeconds: 10,
      allowInsecureHttp: false,
    });
  });

  it('accepts a full http gateway, a Twilio account with a number or a Messaging Service, and an email gateway', () => {
    const full = {
      ...http,
      defaultRegion: 'US',
      method: 'PUT',
      headers: { Accept: 'application/json', 'X-Client': 'kiosk' },
      secretHeader: { name: 'Authorization', prefix: 'Bearer ', valueEnv: 'SSPR_SMS_TOKEN' },
      body: { encoding: 'form', template: { to: '{to}', text: '{text}', from: '{from}' } },
      from: 'College',
      timeoutSeconds: 5,
      healthCheck: { url: 'https://sms.college.example/health', method: 'HEAD' },
    };
    expect(load(full).sms).toEqual({ ...full, allowInsecureHttp: false });
    expect(load({ provider: 'twilio', accountSid: sid, authTokenEnv: 'TWILIO_TOKEN', from: '+447400123456' }).sms).toMatchObject({
      baseUrl: 'https://api.twilio.com',
      timeoutSeconds: 10,
    });
    expect(load({ provider: 'twilio', accountSid: sid, authTokenEnv: 'TWILIO_TOKEN', messagingServiceSid: serviceSid }).sms).toMatchObject({
      messagingServiceSid: serviceSid,
    });
    expect(load({ provider: 'email-gateway', addressTemplate: '{e164digits}@sms.carrier.example' }).sms.provider).toBe('email-gateway');
  });

  it('allows http:// to a loopback test gateway only with allowInsecureHttp', () => {
    expect(load({ ...http, url: 'http://127.0.0.1:8080/send', allowInsecureHttp: true }).sms).toMatchObject({ url: 'http://127.0.0.1:8080/send' });
    expect(problemsOf({ ...http, url: 'http://127.0.0.1:8080/send' })).toEqual([
      'sms.url: expected an https:// URL (http:// sends messages and credentials in clear; sms.allowInsecureHttp: true allows it for a test gateway)',
    ]);
  });
});

describe('sms configuration that cannot work: one line per problem, naming the key', () => {
  it('an unknown provider', () => {
    expect(problemsOf({ provider: 'carrier-pigeon' })).toEqual(['sms.provider: one of none, demo, http, twilio, email-gateway']);
  });

  it('a default region that is not a region, or has no numbering plan', () => {
    expect(problemsOf({ provider: 'none', defaultRegion: 'uk' })).toEqual([
      'sms.defaultRegion: an ISO 3166 alpha-2 region code in capitals, like GB or US',
    ]);
    expect(problemsOf({ provider: 'none', defaultRegion: 'UK' })).toEqual([
      'sms.defaultRegion: expected a region with a telephone numbering plan, like GB or US (UK is not one)',
    ]);
  });

  it('http: each wrong key on its own line', () => {
    const problems = problemsOf({
      provider: 'http',
      url: 'ftp://sms.college.example/send',
      method: 'GET',
      headers: { 'X Bad': 'v' },
      body: { encoding: 'xml', template: { message: '{code}' } },
      timeoutSeconds: 0,
      healthCheck: { url: 'https://sms.college.example/health', method: 'POST' },
      password: 'hunter2',
    });
    expect(problems).toEqual([
      'sms.url: an https:// URL (http:// only with allowInsecureHttp: true)',
      'sms.method: POST or PUT',
      'sms.headers.X Bad: not an HTTP header name (letters, digits and - only)',
      'sms.body.encoding: json or form',
      'sms.body.template.message: unknown placeholder {code}: use {to}, {text} or {from}',
      'sms.timeoutSeconds: a whole number of seconds from 1 to 60',
      'sms.healthCheck.method: GET or HEAD',
      'sms: Unrecognized key: "password"',
    ]);
    expect(problems.join('\n')).not.toContain('hunter2');
  });

  it('http: a credential in a plain header or in the URL is refused, and never repeated', () => {
    const problems = problemsOf({ ...http, url: 'https://user:pa55word@sms.college.example/send', headers: { Authorization: 'Bearer abc123' } });
    expect(problems).toEqual([
      'sms.url: a URL without a user name or password (credentials belong in the environment)',
      'sms.headers: Authorization cannot be set here: the kiosk sets Content-Type itself, and a credential belongs in secretHeader',
    ]);
    expect(problems.join('\n')).not.toMatch(/pa55word|abc123/);
  });

  it('http: a header value with a line break, and a missing body', () => {
    expect(problemsOf({ provider: 'http', url: 'https://sms.college.example/send', headers: { 'X-Client': 'a\r\nX-Evil: 1' } })).toEqual([
      'sms.headers.X-Client: a header value of printable ASCII characters, no line breaks',
      'sms.body: the request body: { encoding: json or form, template: { field: value } }',
    ]);
  });

  it('http: a template without the number or the text, {from} without sms.from, a secret header set twice', () => {
    expect(
      problemsOf({
        ...http,
        body: { encoding: 'json', template: { sender: '{from}' } },
        headers: { 'X-Api-Key': 'plain' },
        secretHeader: { name: 'x-api-key', valueEnv: 'SSPR_SMS_TOKEN' },
      }),
    ).toEqual([
      'sms.body.template: expected {to} and {text} in some field (the number and the message)',
      'sms.from: required, because sms.body.template uses {from}',
      'sms.secretHeader.name: x-api-key is also in sms.headers; set it in one place',
    ]);
  });

  it('http: the secret variable must be a name, and the health URL https too', () => {
    expect(
      problemsOf({ ...http, secretHeader: { name: 'X-Api-Key', valueEnv: 'my secret' }, healthCheck: { url: 'http://sms.college.example/health' } }),
    ).toEqual(['sms.secretHeader.valueEnv: the name of an environment variable, like SSPR_SMS_TOKEN']);
    expect(problemsOf({ ...http, healthCheck: { url: 'http://sms.college.example/health' } })).toEqual([
      'sms.healthCheck.url: expected an https:// URL (http:// sends messages and credentials in clear; sms.allowInsecureHttp: true allows it for a test gateway)',
    ]);
  });

  it('twilio: SIDs, the token variable, and exactly one valid sender', () => {
    expect(problemsOf({ provider: 'twilio', accountSid: 'AC123', authTokenEnv: 'TWILIO-TOKEN', messagingServiceSid: 'MG1' })).toEqual([
      'sms.accountSid: a Twilio Account SID (AC followed by 32 hexadecimal characters)',
      'sms.authTokenEnv: the name of an environment variable, like SSPR_SMS_TOKEN',
      'sms.messagingServiceSid: a Messaging Service SID (MG followed by 32 hexadecimal characters)',
    ]);
    const twilio = { provider: 'twilio', accountSid: sid, authTokenEnv: 'TWILIO_TOKEN' };
    expect(problemsOf(twilio)).toEqual(['sms.from: expected the sending number (E.164), or sms.messagingServiceSid instead']);
    expect(problemsOf({ ...twilio, from: '+447400123456', messagingServiceSid: serviceSid })).toEqual([
      'sms.from: set sms.from or sms.messagingServiceSid, not both',
    ]);
    expect(problemsOf({ ...twilio, from: '07400 123456' })).toEqual(['sms.from: expected a valid phone number in E.164 form, like +447400123456']);
    expect(problemsOf({ ...twilio, from: '+447400123456', baseUrl: 'http://127.0.0.1:9000' })).toEqual([
      'sms.baseUrl: expected an https:// URL (http:// sends messages and credentials in clear; sms.allowInsecureHttp: true allows it for a test gateway)',
    ]);
  });

  it('email-gateway: the address needs one placeholder and a domain', () => {
    for (const addressTemplate of ['sms@carrier.example', '{national}', '{to}@sms.carrier.example', '{national}@localhost']) {
      expect(problemsOf({ provider: 'email-gateway', addressTemplate }), addressTemplate).toEqual([
        'sms.addressTemplate: an address with one {national} or {e164digits} placeholder before the @, like {national}@sms.carrier.example',
      ]);
    }
  });

  it('demo texts only in demo mode, and demo mode never sends real ones', () => {
    expect(problemsOf({ provider: 'demo' })).toEqual(['sms.provider: demo is only for demo mode (demo: true): it shows codes on the kiosk screen']);
    expect(problemsOf(http, { demo: true })).toEqual(['sms.provider: demo mode never sends real text messages; use demo or none, not http']);
  });

  it('an organisation name that phones would turn into a link, once texts are on', () => {
    const branding = { organisationName: 'college.example', serviceDesk: { name: 'Help Desk' } };
    expect(problemsOf(http, { branding })).toEqual([
      'branding.organisationName: must not contain a web or email address: phones turn it into a link in a text message',
    ]);
    expect(validateConfig({ ...base, branding }, 'kiosk.yaml', '/tmp').sms.provider).toBe('none');
  });
});
