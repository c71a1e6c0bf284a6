import type { HttpSmsConfig } from '../../../shared/config/sms-config-schema.js';
import type { OutgoingText, SmsProvider } from '../ports.js';
import { renderBody } from './body-template.js';
import { exchange, gatewayOrigin, type FetchFunction } from './http-exchange.js';
import { requireSuccess } from './http-status.js';
import { probeReachability } from './reachability.js';
import { checkedRecipient } from './recipient.js';
import { secretFromEnv } from './secret-env.js';

/**
 * A generic HTTP text-message gateway: one request per message, built from the configured method,
 * headers and body template; any 2xx answer means the gateway took the message. Nothing here logs,
 * and no error carries the text, the number, the secret header or the URL's path and query.
 */
export function createHttpSmsProvider(
  config: HttpSmsConfig,
  deps: { env: Record<string, string | undefined>; fetch?: FetchFunction },
): SmsProvider {
  const fetchFunction = deps.fetch ?? fetch;
  const timeoutMs = config.timeoutSeconds * 1000;
  const secretHeaders: Record<string, string> =
    config.secretHeader === undefined
      ? {}
      : {
          [config.secretHeader.name]:
            config.secretHeader.prefix + secretFromEnv(deps.env, config.secretHeader.valueEnv, 'sms.secretHeader.valueEnv'),
        };
  const headers = { ...config.headers, ...secretHeaders };

  return {
    name: 'http',
    async send(message: OutgoingText): Promise<void> {
      const recipient = checkedRecipient(message.to);
      const { contentType, payload } = renderBody(config.body, { to: recipient.e164, text: message.text, from: config.from ?? '' });
      const answer = await exchange(fetchFunction, {
        url: config.url,
        method: config.method,
        headers: { ...headers, 'content-type': contentType },
        body: payload,
        timeoutMs,
        purpose: 'text message',
      });
      requireSuccess(answer.status, 'send', { url: config.url, purpose: 'text message' });
    },
    async probe(): Promise<void> {
      const check = config.healthCheck;
      if (check === undefined) return probeReachability(config.url, timeoutMs);
      // The credentials go only where messages go: a health URL on another host gets no headers.
      const sameOrigin = gatewayOrigin(check.url) === gatewayOrigin(config.url);
      const answer = await exchange(fetchFunction, {
        url: check.url,
        method: check.method,
        headers: sameOrigin ? headers : {},
        timeoutMs,
        purpose: 'probe',
      });
      requireSuccess(answer.status, 'probe', { url: check.url, purpose: 'probe' });
    },
  };
}
