/**
 * The composition gate's threshold (electron/core/guessability/composition/): a password whose
 * cheapest composition of stems and padding an attacker's rules reach in fewer than 10^13.5 guesses
 * (3 x 10^13) is refused. Both presets use this one number; an override may only raise it.
 *
 * Why 10^13.5:
 * - It is what rule-based cracking covers first. A wordlist of ~10^5 words and names, each with a
 *   few case and leetspeak variants, times ~10^4-10^5 paddings (years, dates, counting and repeated
 *   digit runs, lucky numbers), in a handful of orders, is ~10^11-10^13 candidates: the standard
 *   rule sets on common lists, hours on one GPU against unsalted NTLM hashes.
 * - The gate counts guesses as zxcvbn does (the product of the parts, times the orders of the
 *   parts), but its lists have no word ranks: every word costs its whole list (10^4.5-10^4.9)
 *   where zxcvbn charges a common word its rank (10^2-10^3). Its estimates for human patterns run
 *   one to two orders high, so the threshold sits that much above zxcvbn's top score (10^10).
 * - It leaves room under what is not guessable this way: in the bench, random 14-20 letters and
 *   digits estimate at 10^18 and more, three random dictionary words plus two digits at 10^13.3 and
 *   more (1 in 10,000 below 10^13.5), so their false refusals stay under 0.1% and 0.5%.
 * Measured in `npm run bench` (README, "Password policy, the guessable-password engine ...").
 */
export const minGuessesLog10 = 13.5;
