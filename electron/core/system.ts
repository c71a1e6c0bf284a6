import { randomBytes, randomInt } from 'node:crypto';
import type { Clock, RandomSource } from './ports.js';

/** The production seams. Services never reach for these directly: the composition root hands them in. */
export const systemClock: Clock = { now: () => new Date() };

export const cryptoRandom: RandomSource = {
  int: (min, max) => randomInt(min, max),
  bytes: (length) => randomBytes(length),
};
