import type { RandomSource } from '../../../electron/core/ports.js';

/**
 * Where a kill lands: while the kiosk starts (opening, migrating, start-up recovery), in the first
 * steps of a walk-up, inside a password change (after the journal's "about"), soon after the change's
 * intent row appeared, or just after the directory took the new password while the intent is still
 * pending (the parent watches the database for these two: the writes worth interrupting take a few
 * milliseconds that random timing rarely hits), or anywhere in the next few resets.
 */
export const killMoments = ['start-up', 'first steps', 'inside a change', 'after the intent', 'after the directory write', 'anywhere'] as const;
export type KillMoment = (typeof killMoments)[number];
const momentWeights: Record<KillMoment, number> = {
  'start-up': 15,
  'first steps': 10,
  'inside a change': 25,
  'after the intent': 20,
  'after the directory write': 15,
  anywhere: 15,
};

/** A moment drawn by the weights above. */
export function pickMoment(random: RandomSource): KillMoment {
  let roll = random.int(0, 100);
  for (const moment of killMoments) {
    roll -= momentWeights[moment];
    if (roll < 0) return moment;
  }
  return 'anywhere';
}
