import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { createDemoConfig } from '../../electron/core/config/demo-config.js';
import type { SenderInfo } from '../../electron/core/ipc/sender.js';
import { createKiosk, type Kiosk } from '../../electron/core/kiosk.js';
import { channels, contract, type Channel } from '../../shared/ipc/contract.js';
import type { Result } from '../../shared/ipc/result.js';
import { codeIn } from '../../test/support/core-kiosk.js';
import { dumpStore, rowsOf } from '../../test/support/database-dump.js';
import { createSeededRandom } from '../../test/support/seeded-random.js';
import { createTestClock } from '../../test/support/test-clock.js';
import { createTestGuessability } from '../../test/support/test-guessability.js';
import { figure, type Figure, type SectionOptions, type TranscriptRecorder } from '../figure.js';

const section = 'ipc fuzz';

/** Printed with the figures: the same seed gives the same payloads, in the same order, at every stage. */
export const ipcFuzzSeed = 20260704;

/** The Electron shell's origin (electron/app-protocol.ts), so app:// look-alikes are tried against the real one. */
const appOrigin = 'app://kiosk';
const appFrame: SenderInfo = { url: `${appOrigin}/index.html`, isMainFrame: true };

export type FuzzStage = 'identify' | 'choose_method' | 'code_sent' | 'new_password';
export const fuzzStages: readonly FuzzStage[] = ['identify', 'choose_method', 'code_sent', 'new_password'];

type Refusal = 'BAD_INPUT' | 'FORBIDDEN' | 'UNKNOWN_CHANNEL';
type ProbeKind = 'malformed' | 'foreign sender' | 'unknown channel';

interface Probe {
  kind: ProbeKind;
  channel: string;
  sender: SenderInfo;
  payload: unknown;
  expected: Refusal;
}

// ---------------------------------------------------------------------------------------------
// Generators. Each contract field gets a valid example and near-misses of its own kind; whole
// payloads are near-misses of the valid one (missing, extra, wrong-typed, wrapped) or plain noise.
// ---------------------------------------------------------------------------------------------

const insertAt = (base: string, piece: string, at: number) => base.slice(0, at % (base.length + 1)) + piece + base.slice(at % (base.length + 1));

/** Characters String.prototype.trim() removes: a payload of only these is empty to the schema. */
const trimmedSpace = fc.constantFrom(' ', '\t', '\n', '\r', '\v', '\f', '\u00a0', '\u1680', '\u2000', '\u200a', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000', '\ufeff');
const controlCharacter = fc.oneof(fc.integer({ min: 0, max: 0x1f }).map((code) => String.fromCharCode(code)), fc.constant('\u007f'), fc.constant('\u0000'));
const loneSurrogate = fc.oneof(
  fc.integer({ min: 0xd800, max: 0xdbff }).map((code) => String.fromCharCode(code)),
  fc.integer({ min: 0xdc00, max: 0xdfff }).map((code) => String.fromCharCode(code)),
  // A pair in the wrong order is two lone surrogates.
  fc.constant('\udc00\ud800'),
);
/** Look-alikes and invisibles: most are well-formed (and filtered out as such), some are not. */
const oddCharacter = fc.constantFrom('\u200b', '\u200d', '\u202e', '\u180e', '\u0085', '\ufffd', '\uffff', '\u0435', '\u0131', '\uff11', '\u0663', '\u{1F600}', '\u0301');
const whitespaceOnly = fc.array(trimmedSpace, { minLength: 1, maxLength: 12 }).map((parts) => parts.join(''));
const padded = (value: string) => fc.tuple(whitespaceOnly, whitespaceOnly).map(([before, after]) => `${before}${value}${after}`);
/** Rare and large: 100 kB to 2 MB of one character. */
const huge = (unit: fc.Arbitrary<string>) => fc.tuple(unit, fc.integer({ min: 100_000, max: 2_000_000 })).map(([piece, length]) => piece.repeat(Math.ceil(length / piece.length)));

/** Bad strings any text field shares: empty, blank, control characters, lone surrogates, over-long, huge. */
function badText(valid: string, maxLength: number): fc.Arbitrary<string> {
  const piece = fc.oneof(controlCharacter, loneSurrogate);
  return fc.oneof(
    { weight: 2, arbitrary: fc.constant('') },
    { weight: 4, arbitrary: whitespaceOnly },
    { weight: 10, arbitrary: fc.tuple(fc.nat(), piece).map(([at, bad]) => insertAt(valid, bad, at)) },
    // Passes .trim() (something is left) but not the schema.
    { weight: 6, arbitrary: fc.tuple(fc.nat(), piece).chain(([at, bad]) => padded(insertAt(valid, bad, at))) },
    { weight: 4, arbitrary: fc.tuple(fc.nat(), fc.array(piece, { minLength: 2, maxLength: 6 })).map(([at, bad]) => insertAt(valid, bad.join(''), at)) },
    { weight: 4, arbitrary: fc.integer({ min: 1, max: 64 }).map((extra) => 'x'.repeat(maxLength + extra)) },
    { weight: 2, arbitrary: fc.integer({ min: 1, max: 64 }).chain((extra) => padded('\u00fc'.repeat(maxLength + extra))) },
    { weight: 4, arbitrary: fc.tuple(fc.nat(), oddCharacter).map(([at, odd]) => insertAt(valid, odd, at)) },
    { weight: 6, arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 40 }) },
    { weight: 4, arbitrary: fc.string({ unit: fc.oneof(controlCharacter, loneSurrogate, trimmedSpace, oddCharacter), minLength: 1, maxLength: 24 }) },
    { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 1, arbitrary: huge(fc.oneof(fc.constant('a'), fc.constant('\u0000'), fc.constant(' '), loneSurrogate, fc.constant('\u{1F600}'))) },
  );
}

const digits = (min: number, max: number) => fc.string({ unit: fc.constantFrom('0', '1', '2', '3', '4', '5', '6', '7', '8', '9'), minLength: min, maxLength: max });

/** Per field of the contract: what a good value looks like, and its near-misses. */
const fieldKinds: Record<string, { valid: string; bad: fc.Arbitrary<string> }> = {
  username: { valid: 'amira.khan', bad: badText('amira.khan', 256) },
  code: {
    valid: '12345678',
    bad: fc.oneof(
      badText('12345678', 10),
      digits(0, 3),
      digits(11, 40),
      fc.string({ unit: fc.constantFrom('\uff10', '\uff11', '\u0660', '\u0663', '\u09e6', 'a', 'e', 'x', '.', '+', '_', '/'), minLength: 1, maxLength: 10 }),
      fc.tuple(digits(4, 10), fc.nat(), fc.constantFrom('.', '+', '_', '/', 'e', '\u0000', '\u007f', '\ud800', '\u00b2', '\uff11')).map(([code, at, bad]) => insertAt(code, bad, at)),
      fc.constantFrom('1e7', '0x1234567', '-', '--', ' - ', 'NaN', 'Infinity', '12345678\u0000', '\u0000'),
    ),
  },
  password: { valid: 'Nt4kRw8pZm2xCv', bad: badText('Nt4kRw8pZm2xCv', 1024) },
  confirmation: { valid: 'Nt4kRw8pZm2xCv', bad: badText('Nt4kRw8pZm2xCv', 1024) },
  method: {
    valid: 'email',
    bad: fc.oneof(
      fc.mixedCase(fc.constantFrom('email', 'sms')),
      fc.constantFrom('', 'e-mail', 'mail', 'text', 'phone', 'voice', 'pigeon', 'sms ', ' email', '\u0435mail', 'sms\u200b', 'email\u0000', 'EMAIL', 'Sms'),
      fc.constantFrom('email', 'sms').chain((method) => padded(method)),
      badText('email', 5),
    ),
  },
};
const fallbackKind = { valid: 'x', bad: badText('x', 256) };
const kindOf = (field: string) => fieldKinds[field] ?? fallbackKind;

/** The field names of a channel's request (a strict zod object in every case today). */
function fieldsOf(channel: Channel): string[] {
  const shape = (contract[channel].request as unknown as { shape?: Record<string, unknown> }).shape;
  return shape === undefined ? [] : Object.keys(shape);
}

function validPayload(channel: Channel): Record<string, string> {
  return Object.fromEntries(fieldsOf(channel).map((field) => [field, kindOf(field).valid]));
}

/** An own property even for "__proto__", as JSON.parse or structured clone would make it. */
function withKey(base: object, key: string, value: unknown): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...base };
  Object.defineProperty(copy, key, { value, enumerable: true, configurable: true, writable: true });
  return copy;
}

function nest(value: unknown, depth: number, inObjects: boolean): unknown {
  let nested = value;
  for (let level = 0; level < depth; level += 1) nested = inObjects ? { value: nested } : [nested];
  return nested;
}

const dangerousKeys = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__', 'then', 'toJSON'];
const contractKeys = [...new Set(channels.flatMap(fieldsOf))];

/** Values that are the wrong type for a text field, some of them holding the right text. */
function wrongType(valid: string): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.constantFrom(null, undefined, true, false, 0, -0, 1, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER + 2, 12345678),
    fc.double(),
    fc.bigInt(),
    fc.constant([valid]),
    fc.constant([]),
    fc.constant({ toString: valid }),
    fc.constant({ value: valid }),
    // A boxed String: structured clone (Electron's IPC) carries those.
    fc.constant(Object(valid) as unknown),
    fc.constant(new Date(0)),
    fc.constant(new Map([[valid, valid]])),
    fc.constant(new Set([valid])),
    fc.constant(new TextEncoder().encode(valid)),
    fc.integer({ min: 1, max: 3000 }).map((depth) => nest(valid, depth, depth % 2 === 0)),
    fc.anything({ maxDepth: 2, maxKeys: 4 }),
  );
}

const noise = fc.anything({
  maxDepth: 4,
  maxKeys: 6,
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withTypedArray: true,
  withUnicodeString: true,
  key: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom(...dangerousKeys, ...contractKeys)),
});

const generators = new Map<Channel, fc.Arbitrary<unknown>>();

/** Payloads for one channel: near-misses of its valid payload, and noise. */
function malformedFor(channel: Channel): fc.Arbitrary<unknown> {
  let generator = generators.get(channel);
  if (generator === undefined) generators.set(channel, (generator = buildMalformed(channel)));
  return generator;
}

function buildMalformed(channel: Channel): fc.Arbitrary<unknown> {
  const fields = fieldsOf(channel);
  const valid = validPayload(channel);
  const options: { weight: number; arbitrary: fc.Arbitrary<unknown> }[] = [
    { weight: 8, arbitrary: noise },
    { weight: 3, arbitrary: fc.constantFrom(null, undefined, 0, 1, -1, Number.NaN, true, false, '', 'amira.khan', '12345678', 'email', 10n ** 30n) },
    { weight: 2, arbitrary: fc.constantFrom([valid], [valid, valid], { payload: valid }, { data: valid }, { args: [valid] }, JSON.stringify(valid)) },
    { weight: 2, arbitrary: fc.tuple(fc.integer({ min: 1, max: 5000 }), fc.boolean()).map(([depth, inObjects]) => nest(valid, depth, inObjects)) },
    {
      weight: 6,
      arbitrary: fc.tuple(fc.oneof(fc.constantFrom(...dangerousKeys, ...contractKeys), fc.string({ maxLength: 16 })), fc.anything({ maxDepth: 2 })).map(([key, value]) => withKey(valid, key, value)),
    },
    { weight: 1, arbitrary: fc.constant(Object.assign(Object.create(null) as object, valid, { extra: 1 })) },
  ];
  if (fields.length > 0) {
    const field = fc.constantFrom(...fields);
    options.push(
      { weight: 12, arbitrary: field.chain((name) => kindOf(name).bad.map((bad) => ({ ...valid, [name]: bad }))) },
      { weight: 8, arbitrary: field.chain((name) => wrongType(kindOf(name).valid).map((bad) => ({ ...valid, [name]: bad }))) },
      { weight: 4, arbitrary: fc.subarray(fields, { maxLength: fields.length - 1 }).map((kept) => Object.fromEntries(kept.map((name) => [name, valid[name]]))) },
      {
        weight: 4,
        arbitrary: fc.tuple(...fields.map((name) => fc.oneof(kindOf(name).bad, wrongType(kindOf(name).valid)))).map((values) => Object.fromEntries(fields.map((name, index) => [name, values[index]]))),
      },
      { weight: 2, arbitrary: fc.constant(new Map(Object.entries(valid))) },
    );
  } else {
    // An empty request: any key at all is one too many.
    options.push({ weight: 10, arbitrary: fc.tuple(fc.constantFrom(...contractKeys, ...dangerousKeys), fc.string({ maxLength: 20 })).map(([key, value]) => withKey({}, key, value)) });
  }
  return fc.oneof(...options);
}

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
const foreignCall: fc.Arbitrary<Probe> = fc
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
const unknownCall: fc.Arbitrary<Probe> = fc
  .tuple(unknownChannelName, fc.oneof(knownChannel.map((channel) => validPayload(channel) as unknown), noise))
  .map(([channel, payload]) => ({ kind: 'unknown channel' as const, channel, sender: appFrame, payload, expected: 'UNKNOWN_CHANNEL' as const }));

/** A seed for one batch of one generator at one stage, derived from the printed seed. */
const derivedSeed = (seed: number, ...parts: number[]) => parts.reduce((value, part) => (Math.imul(value ^ part, 0x9e3779b1) + 0x7f4a7c15) | 0, seed);

// ---------------------------------------------------------------------------------------------
// The run.
// ---------------------------------------------------------------------------------------------

export interface FuzzOptions {
  seed: number;
  /** Malformed payloads per channel of the contract, at each stage. */
  malformedPerChannel: number;
  /** Calls from foreign senders, and on unknown channel names, at each stage. */
  foreignPerStage: number;
  unknownPerStage: number;
  /** Calls between two checks of the database and the session. */
  batchSize: number;
  recorder?: TranscriptRecorder;
  progress?: (line: string) => void;
}

export interface FuzzReport {
  seed: number;
  malformed: number;
  perChannel: Record<string, number>;
  /** Generated payloads the channel's schema accepts: not malformed, so left out. */
  acceptedLeftOut: number;
  /** Generated payloads whose schema check itself threw (the router would throw too): sent all the same. */
  schemaThrew: number;
  foreign: number;
  unknown: number;
  routerThrows: number;
  crashes: number;
  internal: number;
  /** Answers to malformed input, foreign senders or unknown channels that were not one of the three refusals. */
  notARefusal: number;
  /** Answers that were a refusal, but not the one due (e.g. BAD_INPUT where FORBIDDEN was). */
  wrongRefusal: number;
  batches: number;
  databaseChanged: number;
  sessionChanged: number;
  outboxChanged: number;
  stageHashes: Record<string, string>;
  firstProblem: string | null;
  seconds: number;
}

/** A short, safe description of a payload for a report: never the payload itself (it may be 2 MB or 5000 levels deep). */
function describeProbe(probe: Probe): string {
  const payload = probe.payload;
  const shape =
    payload === null
      ? 'null'
      : Array.isArray(payload)
        ? `array(${payload.length})`
        : typeof payload === 'object'
          ? `${Object.getPrototypeOf(payload)?.constructor?.name ?? 'null-prototype'} {${Object.keys(payload).slice(0, 5).map((key) => JSON.stringify(key)).join(', ')}}`
          : typeof payload === 'string'
            ? `string(${payload.length})`
            : typeof payload;
  return `${probe.kind}: ${JSON.stringify(probe.channel.slice(0, 40))} from ${JSON.stringify(probe.sender.url.slice(0, 60))}${probe.sender.isMainFrame ? '' : ' (iframe)'}, payload ${shape}`;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

interface FuzzKiosk {
  kiosk: Kiosk;
  logLines: string[];
  call(channel: string, payload: unknown, sender?: SenderInfo): Promise<Result<unknown>>;
}

/** A demo kiosk (createKiosk, as main builds it) behind the Electron origin, with the session at `stage`. */
async function kioskAt(stage: FuzzStage, dataDir: string, recorder: TranscriptRecorder | undefined): Promise<FuzzKiosk> {
  const logLines: string[] = [];
  mkdirSync(dataDir, { recursive: true });
  const kiosk = await createKiosk({
    config: createDemoConfig(dataDir),
    appOrigin,
    clock: createTestClock(),
    random: createSeededRandom(),
    guessability: createTestGuessability(),
    timers: false,
    log: (line) => logLines.push(line),
  });
  const call = async (channel: string, payload: unknown, sender: SenderInfo = appFrame) => kiosk.router.handle(channel, sender, payload);
  const step = async (channel: Channel, payload: unknown) => {
    const answer = await call(channel, payload);
    recorder?.seen('ipc', JSON.stringify(answer));
    if (!answer.ok) throw new Error(`ipc fuzz: could not reach ${stage}: ${channel} answered ${answer.error.code}`);
  };
  try {
    if (stage !== 'identify') await step('journey:begin', { purpose: 'reset', username: 'amira.khan' });
    if (stage === 'code_sent' || stage === 'new_password') {
      await step('code:choose', { method: 'email' });
      // Background delivery finishes (and is audited) before the snapshot, so it cannot look like a change.
      await kiosk.settled();
    }
    if (stage === 'new_password') {
      const code = codeIn(kiosk.demoOutbox!.messages().at(-1)!.text, kiosk.config.codes.length);
      recorder?.secret('code', code);
      await step('code:verify', { code });
    }
  } catch (error) {
    await kiosk.close();
    throw error;
  }
  return { kiosk, logLines, call };
}

async function snapshot(k: FuzzKiosk): Promise<{ database: string; session: string; outbox: number }> {
  await k.kiosk.settled();
  return {
    database: sha256(await dumpStore(k.kiosk.store)),
    session: JSON.stringify(await k.call('session:get', {})),
    outbox: k.kiosk.demoOutbox!.messages().length,
  };
}

async function recordAndClose(k: FuzzKiosk, recorder: TranscriptRecorder | undefined): Promise<void> {
  await k.kiosk.settled();
  if (recorder !== undefined) {
    for (const row of await rowsOf(k.kiosk.store, 'audit_log')) recorder.seen('audit', JSON.stringify(row));
    for (const line of k.logLines) recorder.seen('log', line);
    for (const table of ['accounts', 'password_history'] as const) {
      for (const row of await rowsOf<{ password_hash: string }>(k.kiosk.store, table)) recorder.secret('hash', row.password_hash);
    }
    for (const row of await rowsOf<{ code_hash: string }>(k.kiosk.store, 'challenges')) recorder.secret('hash', row.code_hash);
  }
  await k.kiosk.close();
}

/** Sends every probe of every batch at every stage, checking database and session after each batch. */
export async function runIpcFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const started = Date.now();
  const { seed, recorder } = options;
  const report: FuzzReport = {
    seed,
    malformed: 0,
    perChannel: Object.fromEntries(channels.map((channel) => [channel, 0])),
    acceptedLeftOut: 0,
    schemaThrew: 0,
    foreign: 0,
    unknown: 0,
    routerThrows: 0,
    crashes: 0,
    internal: 0,
    notARefusal: 0,
    wrongRefusal: 0,
    batches: 0,
    databaseChanged: 0,
    sessionChanged: 0,
    outboxChanged: 0,
    stageHashes: {},
    firstProblem: null,
    seconds: 0,
  };
  const problem = (text: string) => {
    report.firstProblem ??= text;
  };
  const onCrash = (error: unknown) => {
    report.crashes += 1;
    problem(`crash: ${error instanceof Error ? `${error.name}: ${error.message.slice(0, 200)}` : 'non-error'}`);
  };
  process.on('unhandledRejection', onCrash);
  process.on('uncaughtException', onCrash);
  const folder = mkdtempSync(path.join(tmpdir(), 'sspr-reliability-fuzz-'));
  try {
    for (const [stageIndex, stage] of fuzzStages.entries()) {
      const k = await kioskAt(stage, path.join(folder, stage), recorder);
      try {
        const before = await snapshot(k);
        report.stageHashes[stage] = before.database.slice(0, 16);
        // Planned a round at a time (each round its own derived seed), so a long run never holds every payload at once.
        const rounds = Math.max(1, Math.ceil(options.malformedPerChannel / perChannelPerRound));
        options.progress?.(`ipc fuzz: ${stage}: ${rounds} round(s), batches of ${options.batchSize}...`);
        for (let round = 0; round < rounds; round += 1) {
          const share = (total: number) => Math.floor((total * (round + 1)) / rounds) - Math.floor((total * round) / rounds);
          const counts = { malformed: share(options.malformedPerChannel), foreign: share(options.foreignPerStage), unknown: share(options.unknownPerStage) };
          const probes = planRound(seed, stageIndex, round, counts, report);
          for (let start = 0; start < probes.length; start += options.batchSize) {
            for (const probe of probes.slice(start, start + options.batchSize)) await send(k, probe, report, recorder, problem);
            report.batches += 1;
            const after = await snapshot(k);
            if (after.database !== before.database) {
              report.databaseChanged += 1;
              problem(`${stage}: the database changed in batch ${report.batches}`);
            }
            if (after.session !== before.session) {
              report.sessionChanged += 1;
              problem(`${stage}: the session changed in batch ${report.batches}: ${after.session.slice(0, 200)}`);
            }
            if (after.outbox !== before.outbox) report.outboxChanged += 1;
          }
        }
      } finally {
        await recordAndClose(k, recorder);
      }
    }
  } finally {
    process.off('unhandledRejection', onCrash);
    process.off('uncaughtException', onCrash);
    rmSync(folder, { recursive: true, force: true });
  }
  report.seconds = Math.round((Date.now() - started) / 100) / 10;
  return report;
}

const perChannelPerRound = 250;

/** One round's calls at one stage: malformed payloads for every channel, foreign senders and unknown names, interleaved. */
function planRound(seed: number, stageIndex: number, round: number, counts: { malformed: number; foreign: number; unknown: number }, report: FuzzReport): Probe[] {
  const probes: Probe[] = [];
  for (const [channelIndex, channel] of channels.entries()) {
    const schema = contract[channel].request;
    let attempt = 0;
    let kept = 0;
    // Refill until the channel has its share of payloads its schema refuses.
    while (kept < counts.malformed && attempt < 50) {
      const wanted = counts.malformed - kept;
      const sample = fc.sample(malformedFor(channel), { seed: derivedSeed(seed, stageIndex, round, channelIndex, attempt), numRuns: wanted + Math.ceil(wanted / 4) });
      attempt += 1;
      for (const payload of sample) {
        if (kept >= counts.malformed) break;
        let accepted: boolean;
        try {
          accepted = schema.safeParse(payload).success;
        } catch {
          report.schemaThrew += 1;
          accepted = false;
        }
        if (accepted) {
          report.acceptedLeftOut += 1;
          continue;
        }
        kept += 1;
        probes.push({ kind: 'malformed', channel, sender: appFrame, payload, expected: 'BAD_INPUT' });
      }
    }
  }
  probes.push(...fc.sample(foreignCall, { seed: derivedSeed(seed, stageIndex, round, 1000), numRuns: counts.foreign }));
  const unknown = fc.sample(unknownCall, { seed: derivedSeed(seed, stageIndex, round, 2000), numRuns: counts.unknown * 2 });
  probes.push(...unknown.filter((probe) => !(channels as readonly string[]).includes(probe.channel)).slice(0, counts.unknown));
  // Interleaved (a fixed shuffle) so every batch mixes channels, senders and names.
  const order = fc.sample(fc.double({ min: 0, max: 1, noNaN: true }), { seed: derivedSeed(seed, stageIndex, round, 3000), numRuns: probes.length });
  return probes.map((probe, index) => ({ probe, key: order[index]! })).sort((a, b) => a.key - b.key).map(({ probe }) => probe);
}

async function send(k: FuzzKiosk, probe: Probe, report: FuzzReport, recorder: TranscriptRecorder | undefined, problem: (text: string) => void): Promise<void> {
  if (probe.kind === 'malformed') {
    report.malformed += 1;
    report.perChannel[probe.channel] = (report.perChannel[probe.channel] ?? 0) + 1;
  } else if (probe.kind === 'foreign sender') report.foreign += 1;
  else report.unknown += 1;
  let answer: Result<unknown>;
  try {
    answer = await k.call(probe.channel, probe.payload, probe.sender);
  } catch (error) {
    report.routerThrows += 1;
    problem(`router threw (${error instanceof Error ? error.name : 'non-error'}) for ${describeProbe(probe)}`);
    return;
  }
  const text = JSON.stringify(answer);
  recorder?.seen('ipc', text);
  if (answer.ok) {
    report.notARefusal += 1;
    problem(`answered ok for ${describeProbe(probe)}`);
    return;
  }
  const { code } = answer.error;
  if (code === 'INTERNAL') report.internal += 1;
  if (code !== 'BAD_INPUT' && code !== 'FORBIDDEN' && code !== 'UNKNOWN_CHANNEL') {
    report.notARefusal += 1;
    problem(`answered ${code} for ${describeProbe(probe)}`);
  } else if (code !== probe.expected) {
    report.wrongRefusal += 1;
    problem(`answered ${code}, not ${probe.expected}, for ${describeProbe(probe)}`);
  }
}

export async function ipcFuzzSection(options: SectionOptions): Promise<Figure[]> {
  const run = await runIpcFuzz({
    seed: ipcFuzzSeed,
    malformedPerChannel: options.quick ? 240 : 2500,
    foreignPerStage: options.quick ? 250 : 2500,
    unknownPerStage: options.quick ? 250 : 2500,
    batchSize: 500,
    recorder: options.recorder,
    progress: options.progress,
  });
  const counts = Object.values(run.perChannel);
  const checks = `${run.batches} batches over ${fuzzStages.length} stages (${fuzzStages.join(', ')})`;
  return [
    figure(
      section,
      `malformed payloads sent (${channels.length} channels x ${fuzzStages.length} stages)`,
      run.malformed,
      '>= 10000',
      run.malformed >= 10_000 && Math.min(...counts) > 0,
      `fast-check seed ${run.seed}; ${Math.min(...counts)} to ${Math.max(...counts)} per channel; ${run.acceptedLeftOut} generated payloads the schema accepts were left out, ${run.schemaThrew} made the schema throw`,
    ),
    figure(section, 'calls from foreign senders (other origins, iframes, app:// look-alikes)', run.foreign, null, null),
    figure(section, 'calls on unknown channel names', run.unknown, null, null),
    figure(section, 'router throws / process crashes', run.routerThrows + run.crashes, '0', run.routerThrows + run.crashes === 0, run.firstProblem ?? undefined),
    figure(section, 'INTERNAL answers', run.internal, '0', run.internal === 0),
    figure(section, 'answers other than BAD_INPUT / FORBIDDEN / UNKNOWN_CHANNEL', run.notARefusal, '0', run.notARefusal === 0),
    figure(section, 'refusals other than the one due (e.g. BAD_INPUT for a foreign sender)', run.wrongRefusal, '0', run.wrongRefusal === 0),
    figure(
      section,
      'batches after which the database hash (sha256 of dumpStore) changed',
      run.databaseChanged,
      '0 (identical)',
      run.databaseChanged === 0 && run.batches > 0,
      `${checks}; hashes per stage ${Object.entries(run.stageHashes).map(([stage, hash]) => `${stage} ${hash}…`).join(', ')}`,
    ),
    figure(section, 'batches after which the session view or demo outbox changed', run.sessionChanged + run.outboxChanged, '0', run.sessionChanged + run.outboxChanged === 0),
    figure(section, 'wall time', `${run.seconds} s`, null, null),
  ];
}
