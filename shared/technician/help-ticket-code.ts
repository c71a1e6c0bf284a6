/**
 * Help ticket codes: read aloud and typed by a technician, so only characters that cannot be taken
 * for one another (no 0/O, 1/I/L, 2/Z, 5/S, 8/B). 25^6 ≈ 2.4 x 10^8 codes: a ticket lives hours, is
 * looked up only by a signed-in technician, and is never a credential.
 */
export const ticketAlphabet = '34679ACDEFGHJKMNPQRTUVWXY';
export const ticketLength = 6;

/** "K7P4QX" as "K7P 4QX": easier to read out. */
export function groupTicket(code: string): string {
  return code.length === ticketLength ? `${code.slice(0, 3)} ${code.slice(3)}` : code;
}
