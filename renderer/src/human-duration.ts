import type { Translator } from '../../shared/i18n/translator.js';

/**
 * Waiting times in plain words (security.md 29), with each language's plural forms. Always rounds
 * up: telling someone to wait "2 minutes" when 2 minutes 5 seconds are left sends them back too early.
 */
const minute = 60;
const hour = 60 * minute;
const day = 24 * hour;

export function humanDuration(words: Translator, totalSeconds: number): string {
  const seconds = Math.max(1, Math.ceil(totalSeconds));
  if (seconds < minute) return words.t('walkUp.duration.seconds', { count: seconds });
  const minutes = Math.ceil(seconds / minute);
  if (minutes < 60) return words.t('walkUp.duration.minutes', { count: minutes });
  // Throttle blocks are usually 24 hours; "24 hours" reads more plainly than "1 day".
  if (seconds <= 2 * day) {
    const rest = minutes % 60;
    const hours = Math.floor(minutes / 60);
    return rest === 0 ? words.t('walkUp.duration.hours', { count: hours }) : words.t('walkUp.duration.hoursAndMinutes', { hours, minutes: rest });
  }
  const hours = Math.ceil(seconds / hour);
  const days = Math.floor(hours / 24);
  const rest = hours % 24;
  return rest === 0 ? words.t('walkUp.duration.days', { count: days }) : words.t('walkUp.duration.daysAndHours', { days, hours: rest });
}
