import fc from 'fast-check';
import type { SenderInfo } from '../../../electron/core/ipc/sender.js';
import { channels } from '../../../shared/ipc/contract.js';
import { malformedFor, noise, validPayload } from './payloads.js';
import { appFrame, appOrigin, type Probe } from './probe.js';

/** Frames that are not the kiosk's own top-level page: other origins, iframes, app:// look-alikes. */
const foreignSenders: SenderInfo[] = [
  { url: `${appOrigin}/index.html`, isMainFrame: false },
  { url: `${appOrigin}/`, isMainFrame: false },
  ...[
    'https://evil.example/',
    'http://kiosk/index.html',
    'https://kiosk/index.html',
    'app://kiosk.evil.example/index.html',
    'app://evil/index.html',
    'app://kiosk@evil/index.html',
    'app://evil@kiosk/index.html',
    'app://user:pass@kiosk/index.html',
    'app://kiosk:8080/index.html',
    'apps://kiosk/index.html',
    'app:kiosk/index.html',
    'app:///kiosk/index.html',
    'app://kiosk./index.html',
    'app://kiosk%2e/index.html',
    'app://ki\u043esk/index.html',
    'app://xn--kisk-8cd/index.html',
    'app://ki\u0000osk/index.html',
    'app://kiosk\\evil/index.html',
    'app://',
    'file:///app/index.html',
    'about:blank',
    'about:srcdoc',
    'data:text/html,<script>kiosk.reset()</script>',
    'javascript:void(0)',
    'chrome-extension://abcdefghijklmnopabcdefghijklmnop/page.html',
    'devtools://devtools/bundled/inspector.html',
    'null',
    '',
  ].map((url) => ({ url, isMainFrame: true })),
];

const hostCharacters = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789.-'.split(''));
const foreignSender: fc.Arbitrary<SenderInfo> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...foreignSenders) },
  // app://kiosk with the host changed: a longer or shorter name is another origin.
  { weight: 2, arbitrary: fc.string({ unit: hostCharacters, minLength: 1, maxLength: 8 }).map((suffix) => ({ url: `app://kiosk${suffix}/index.html`, isMainFrame: true })) },
  { weight: 2, arbitrary: fc.string({ unit: hostCharacters, minLength: 1, maxLength: 8 }).map((prefix) => ({ url: `app://${prefix}kiosk/index.html`, isMainFrame: true })) },
  { weight: 2, arbitrary: fc.webUrl().map((url) => ({ url, isMainFrame: true })) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }).map((url) => ({ url, isMainFrame: true })) },
);

const knownChannel = fc.constantFrom(...channels);
export const foreignCall: fc.Arbitrary<Probe> = fc
  .tuple(foreignSender, knownChannel, fc.nat(9))
  .chain(([sender, channel, roll]) =>
    // Mostly well-formed payloads: the ones that would act if the sender were let through.
    (roll < 7 ? fc.constant<unknown>(validPayload(channel)) : malformedFor(channel)).map((payload) => ({ kind: 'foreign sender' as const, channel, sender, payload, expected: 'FORBIDDEN' as const })),
  );

const unknownChannelName: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('', '__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', '__defineGetter__', 'prototype') },
  { weight: 4, arbitrary: fc.constantFrom('admin:dump', 'reset:unlock', 'reset:skip', 'demo:reset', 'kiosk:quit', 'session:set', 'store:query', 'ipc:reset:begin') },
  { weight: 4, arbitrary: fc.mixedCase(knownChannel) },
  { weight: 4, arbitrary: fc.tuple(knownChannel, fc.constantFrom(' ', '\u0000', '\u200b', ':', 'x', '\n', '/', '\ud800')).map(([channel, extra]) => `${channel}${extra}`) },
  { weight: 4, arbitrary: fc.tuple(knownChannel, fc.constantFrom(' ', '\u0000', '\u200b', ':', '.', '\ufeff')).map(([channel, extra]) => `${extra}${channel}`) },
  { weight: 2, arbitrary: knownChannel.map((channel) => channel.slice(0, -1)) },
  { weight: 2, arbitrary: knownChannel.map((channel) => channel.replace(':', '.')) },
  { weight: 4, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.integer({ min: 100_000, max: 1_000_000 }).map((length) => 'reset:begin'.repeat(Math.ceil(length / 11))) },
);
export const unknownCall: fc.Arbitrary<Probe> = fc
  .tuple(unknownChannelName, fc.oneof(knownChannel.map((channel) => validPayload(channel) as unknown), noise))
  .map(([channel, payload]) => ({ kind: 'unknown channel' as const, channel, sender: appFrame, payload, expected: 'UNKNOWN_CHANNEL' as const }));
