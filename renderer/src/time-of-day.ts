/**
 * When a wait ends, as people plan by it: "14:32" today, "tomorrow at 09:05", or a weekday further
 * out. The kiosk's own clock and time zone decide "today" (the person is standing at it).
 */
export function untilWords(untilIso: string, now: Date = new Date(), locale?: string): string | null {
  const until = new Date(untilIso);
  if (Number.isNaN(until.getTime())) return null;
  const time = until.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
  const days = dayNumber(until) - dayNumber(now);
  if (days <= 0) return time;
  if (days === 1) return `tomorrow at ${time}`;
  return `${until.toLocaleDateString(locale, { weekday: 'long', day: 'numeric', month: 'long' })} at ${time}`;
}

function dayNumber(date: Date): number {
  return Math.floor(new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime() / 86_400_000);
}
