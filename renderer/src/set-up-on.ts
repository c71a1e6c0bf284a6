/**
 * "set up on 3 March": the day a method was verified, in the kiosk's own time zone (the person
 * standing at it). The year is added only when it is not this year, as people say dates.
 */
export function setUpOnWords(addedAtIso: string, now: Date = new Date(), locale = 'en-GB'): string | null {
  const added = new Date(addedAtIso);
  if (Number.isNaN(added.getTime())) return null;
  const sameYear = added.getFullYear() === now.getFullYear();
  const day = added.toLocaleDateString(locale, sameYear ? { day: 'numeric', month: 'long' } : { day: 'numeric', month: 'long', year: 'numeric' });
  return `set up on ${day}`;
}
