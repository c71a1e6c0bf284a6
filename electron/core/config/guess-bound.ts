/** The target: at most 1 in 10,000 that anyone at one kiosk guesses any live code in a day. */
export const maxGuessChancePerKioskDay = 1e-4;

/**
 * The chance that at least one of `guesses` tries hits a live code of `digits` digits, each try
 * against one code drawn uniformly from 10^digits (a guess can only ever be checked against the one
 * code of the session it is typed into).
 */
export function guessChancePerKioskDay(guesses: number, digits: number): number {
  return 1 - (1 - 10 ** -digits) ** guesses;
}
