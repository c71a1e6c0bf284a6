import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { qrMatrixAsTerminalText } from '../../electron/core/authenticator/qr-matrix.js';
import { loadConfig } from '../../electron/core/config/load-config.js';
import { createArgon2Hasher, defaultArgon2Params } from '../../electron/core/hashing/argon2-hasher.js';
import type { Clock, RandomSource } from '../../electron/core/ports.js';
import { cryptoRandom, systemClock } from '../../electron/core/system.js';
import { technicianAccountsFor } from '../../electron/core/technician/technician-accounts.js';
import { adminPinSchema } from '../../shared/ipc/contract.js';
import { parseFlags, UsageError } from './args.js';
import { openDeployment, type Deployment } from './open-deployment.js';

export const technicianUsage = [
  'technician add --config FILE --username NAME --name "DISPLAY NAME"  < password   adds a technician; prints their app\'s QR code once',
  'technician disable --config FILE --username NAME                  refuses the technician\'s sign-ins from now on',
  'technician list --config FILE                                     one JSON line per technician (never a hash or secret)',
  'pin hash [--config FILE]  < pin                                   argon2id hash of a 6-12 digit PIN for kiosk.adminPinHash',
];

export interface CommandIo {
  env: Record<string, string | undefined>;
  input: Readable;
  output: Writable;
  clock?: Clock;
  random?: RandomSource;
}

/** The first line of stdin (a password or PIN: never an argument, which shell history and `ps` keep), or null. */
export async function firstLineOf(input: Readable): Promise<string | null> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  try {
    for await (const line of lines) return line;
    return null;
  } finally {
    lines.close();
  }
}

const required = (flags: Map<string, string>, name: string, what: string): string => {
  const value = flags.get(name);
  if (value === undefined) throw new UsageError(`--${name} ${what} is required`);
  return value;
};

function accountsOf(deployment: Deployment, clock: Clock, random: RandomSource) {
  return technicianAccountsFor({ ...deployment, hasher: createArgon2Hasher(deployment.config.hashing), clock, random });
}

/**
 * Adds a technician: the password from stdin's first line; a new app secret whose otpauth URI, QR code
 * and grouped base32 form are printed this once (the kiosk keeps only its ciphertext). Audited.
 */
export async function runTechnicianAdd(args: readonly string[], io: CommandIo): Promise<number> {
  const flags = parseFlags(args, ['config', 'username', 'name']);
  const username = required(flags, 'username', 'NAME');
  const displayName = required(flags, 'name', '"DISPLAY NAME"');
  if (flags.get('config') === undefined) throw new UsageError('--config FILE is required (the kiosk configuration whose database to use)');
  const password = await firstLineOf(io.input);
  if (password === null || password === '') throw new Error('no password: give the technician\'s password as the first line of stdin');
  const clock = io.clock ?? systemClock;
  const deployment = await openDeployment(flags.get('config'), io.env, clock);
  try {
    // A refusal (duplicate name, weak password) is a TechnicianAccountError: printed in words, exit code 1.
    const { technician, enrolment } = await accountsOf(deployment, clock, io.random ?? cryptoRandom).add({ username, displayName, password, actor: 'admin' });
    io.output.write(
      [
        `Added technician ${technician.username} (${technician.displayName}).`,
        'Add this to their authenticator app now: the secret is shown only this once.',
        '',
        `otpauth URI: ${enrolment.otpauthUri}`,
        '',
        qrMatrixAsTerminalText(enrolment.qr),
        `Secret (to type by hand): ${enrolment.secretGroups}`,
        `(${enrolment.digits} digits, every ${enrolment.periodSeconds} s, issuer "${enrolment.issuer}")`,
        '',
      ].join('\n'),
    );
    return 0;
  } finally {
    await deployment.close();
  }
}

export async function runTechnicianDisable(args: readonly string[], io: CommandIo): Promise<number> {
  const flags = parseFlags(args, ['config', 'username']);
  const username = required(flags, 'username', 'NAME');
  const clock = io.clock ?? systemClock;
  const deployment = await openDeployment(flags.get('config'), io.env, clock);
  try {
    const disabled = await accountsOf(deployment, clock, io.random ?? cryptoRandom).disable(username, 'admin');
    io.output.write(`${JSON.stringify({ username, disabled: true, ...(disabled ? {} : { already: true }) })}\n`);
    return 0;
  } finally {
    await deployment.close();
  }
}

export async function runTechnicianList(args: readonly string[], io: CommandIo): Promise<number> {
  const flags = parseFlags(args, ['config']);
  const clock = io.clock ?? systemClock;
  const deployment = await openDeployment(flags.get('config'), io.env, clock);
  try {
    for (const technician of await accountsOf(deployment, clock, io.random ?? cryptoRandom).list()) {
      io.output.write(`${JSON.stringify(technician)}\n`);
    }
    return 0;
  } finally {
    await deployment.close();
  }
}

/** The admin PIN's hash for config kiosk.adminPinHash, with the configuration's argon2 parameters when given. */
export async function runPinHash(args: readonly string[], io: Pick<CommandIo, 'input' | 'output'>): Promise<number> {
  const flags = parseFlags(args, ['config']);
  const configFile = flags.get('config');
  const params = configFile === undefined ? defaultArgon2Params : loadConfig(configFile).hashing;
  const pin = await firstLineOf(io.input);
  if (pin === null || !adminPinSchema.safeParse(pin).success) throw new Error('the PIN must be 6 to 12 digits, as the first line of stdin');
  io.output.write(`${await createArgon2Hasher(params).hash(pin)}\n`);
  return 0;
}
