/**
 * Waiting times in plain words (security.md 29). Always rounds up: telling someone to wait
 * "2 minutes" when 2 minutes 5 seconds are left sends them back too early.
 */
const minute = 60;
const hour = 60 * minute;
const day = 24 * hour;

function count(value: number, singular: string, plural: string): string {
  return `${value} ${value === 1 ? singular : plural}`;
}

function pair(big: string, small: string | null): string {
  return small === null ? big : `${big} and ${small}`;
}

export function humanDuration(totalSeconds: number): string {
  const seconds = Math.max(1, Math.ceil(totalSeconds));
  if (seconds < minute) return count(seconds, 'second', 'seconds');
  const minutes = Math.ceil(seconds / minute);
  if (minutes < 60) return count(minutes, 'minute', 'minutes');
  // Throttle blocks are usually 24 hours; "24 hours" reads more plainly than "1 day".
  if (seconds <= 2 * day) {
    const rest = minutes % 60;
    return pair(count(Math.floor(minutes / 60), 'hour', 'hours'), rest === 0 ? null : count(rest, 'minute', 'minutes'));
  }
  const hours = Math.ceil(seconds / hour);
  const days = Math.floor(hours / 24);
  const rest = hours % 24;
  return pair(count(days, 'day', 'days'), rest === 0 ? null : count(rest, 'hour', 'hours'));
}
