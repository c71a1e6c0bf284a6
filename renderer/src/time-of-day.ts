import type { Translator } from '../../shared/i18n/translator.js';

/** Which day a moment falls on, as people plan by it; the kiosk's own clock and time zone decide "today". */
export type DayWord = 'today' | 'tomorrow' | 'other';

export function dayWord(until: Date, now: Date = new Date()): DayWord {
  const days = dayNumber(until) - dayNumber(now);
  if (days <= 0) return 'today';
  return days === 1 ? 'tomorrow' : 'other';
}

/**
 * When a wait ends, as people plan by it: "14:32" today, "tomorrow at 09:05", or a weekday further
 * out, in the translator's language. null for a time that does not parse.
 */
export function untilWords(words: Translator, untilIso: string, now: Date = new Date()): string | null {
  const until = new Date(untilIso);
  if (Number.isNaN(until.getTime())) return null;
  return words.t('walkUp.when.at', { day: dayWord(until, now), until });
}

function dayNumber(date: Date): number {
  return Math.floor(new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime() / 86_400_000);
}
