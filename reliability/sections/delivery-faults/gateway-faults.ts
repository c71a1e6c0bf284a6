import type { KioskConfig } from '../../../shared/config/config-schema.js';
import { smsSchema } from '../../../shared/config/sms-config-schema.js';
import { plainSmtpConfig } from '../../../test/integration/mail/smtp-test-server.js';
import { startGateway, type TestGateway } from '../../../test/integration/sms/gateway-test-server.js';
import { createRecordingEmailSender } from '../../../test/support/recording-email.js';
import type { ExpectedFailure, Fault } from './fault.js';

/** The generic HTTP gateway provider on loopback, with or without a health URL for its probe. */
const withGateway = (gateway: TestGateway, healthCheck: boolean) => (base: KioskConfig): KioskConfig => ({
  ...base,
  demo: false,
  // Never contacted: the kiosk is given a recording sender for mail.
  mail: { ...base.mail, smtp: { ...plainSmtpConfig(25), host: 'smtp.northfield.example' } },
  sms: smsSchema.parse({
    provider: 'http',
    defaultRegion: 'GB',
    url: gateway.url('/api/messages'),
    allowInsecureHttp: true,
    timeoutSeconds: 1,
    body: { encoding: 'json', template: { to: '{to}', text: '{text}' } },
    ...(healthCheck ? { healthCheck: { url: gateway.url('/api/health') } } : {}),
  }),
});

/** Codes that reached the gateway in a request body (send failures only): they must never show anywhere else. */
const gatewayCodes = (gateway: TestGateway) => () => ({
  password: [],
  code: gateway.requests.flatMap((request) => [...request.body.matchAll(/(?<![0-9])([0-9]{6,10})(?![0-9])/g)].map((match) => match[1]!)),
});

function gatewayFault(name: string, reply: 'status 500' | 'never answers', healthCheck: boolean, expected: ExpectedFailure): Fault {
  return {
    name,
    method: 'sms',
    shows: healthCheck,
    expected,
    async setUp() {
      const gateway = await startGateway();
      gateway.reply(reply === 'status 500' ? { status: 500, body: '{"error":"internal"}' } : 'never-answer');
      return {
        configure: withGateway(gateway, healthCheck),
        env: {},
        email: createRecordingEmailSender().sender,
        where: `http provider at 127.0.0.1:${gateway.port}, ${reply === 'status 500' ? 'answering 500 to everything' : 'never answering (sms.timeoutSeconds 1)'}${healthCheck ? ', healthCheck configured' : ', no healthCheck (the probe only connects)'}`,
        secrets: gatewayCodes(gateway),
        stop: () => gateway.close(),
      };
    },
  };
}

/**
 * Text-message faults, each with and without a health check: with one the channel is seen to be down
 * before any name is looked up; without one only the send fails.
 */
export const gatewayFaults: Fault[] = [
  gatewayFault('text gateway answers 500', 'status 500', true, { errorClass: 'provider', status: 500 }),
  gatewayFault('text gateway never answers (timeout)', 'never answers', true, { errorClass: 'timeout' }),
  gatewayFault('text gateway answers 500 to sends only (no health check)', 'status 500', false, { errorClass: 'provider', status: 500 }),
  gatewayFault('text gateway never answers sends (no health check)', 'never answers', false, { errorClass: 'timeout' }),
];
