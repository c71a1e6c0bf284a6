import fc from 'fast-check';
import { channels, contract, type Channel } from '../../../shared/ipc/contract.js';

/*
 * Malformed payloads. Each contract field gets a valid example and near-misses of its own kind; whole
 * payloads are near-misses of the valid one (missing, extra, wrong-typed, wrapped) or plain noise.
 */

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

export function validPayload(channel: Channel): Record<string, string> {
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

export const noise = fc.anything({
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
export function malformedFor(channel: Channel): fc.Arbitrary<unknown> {
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
