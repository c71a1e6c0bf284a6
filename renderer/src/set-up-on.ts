/**
 * The day a method was verified, for "set up on 3 March". The catalogue message formats the date in
 * the session's language; this only says whether the year is needed: it is added only when it is
 * not this year (in the kiosk's own time zone, where the person stands), as people say dates.
 */
export function setUpOnDate(addedAtIso: string, now: Date = new Date()): { on: Date; sameYear: boolean } | null {
  const added = new Date(addedAtIso);
  if (Number.isNaN(added.getTime())) return null;
  return { on: added, sameYear: added.getFullYear() === now.getFullYear() };
}
