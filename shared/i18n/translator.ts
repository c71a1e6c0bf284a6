import { IntlMessageFormat } from 'intl-messageformat';
import { catalogueOf, type Catalogue, type MessageId } from './catalogues.js';
import { sourceLanguage, type Language } from './languages.js';

/** What a message may be given: numbers go through Intl's plural rules, dates through its date formats. */
export type MessageValues = Record<string, string | number | Date>;

export interface Translator {
  language: Language;
  /** The message in this language, filled in; English's when this language lacks it (a test forbids that). */
  t(id: MessageId, values?: MessageValues): string;
  /** A time of day as this language writes it ("14:05", "2:05 PM", "١٤:٠٥"). */
  timeOfDay(at: Date): string;
}

export interface TranslatorOptions {
  /**
   * Rewrites each message before it is compiled. Tests use it for a pseudo-language that marks every
   * catalogue string, so any visible text without the mark did not come from a catalogue.
   */
  transform?: (message: string, id: string) => string;
  /** The time zone dates and times are shown in (default: the machine's). */
  timeZone?: string;
}

/**
 * One translator per language, compiled lazily: a message is parsed the first time it is shown and
 * then reused, so a session pays only for the messages it needs.
 */
export function createTranslator(language: Language, options: TranslatorOptions = {}): Translator {
  const own: Catalogue = catalogueOf(language);
  const fallback: Catalogue = language === sourceLanguage ? own : catalogueOf(sourceLanguage);
  const compiled = new Map<string, IntlMessageFormat>();
  const zone = options.timeZone === undefined ? {} : { timeZone: options.timeZone };
  const timeFormat = new Intl.DateTimeFormat(language, { hour: 'numeric', minute: '2-digit', ...zone });
  // "{until, time, short}" and "{on, date, long}" in a message use these, in the same time zone;
  // "{at, date, dayMonth}" ("2 Mar") is for text messages, where every character counts.
  const zoned = {
    time: { short: { hour: 'numeric', minute: '2-digit', ...zone } },
    date: {
      long: { day: 'numeric', month: 'long', year: 'numeric', ...zone },
      weekday: { weekday: 'long', ...zone },
      dayMonth: { day: 'numeric', month: 'short', ...zone },
    },
  } as const;

  function formatOf(id: string): IntlMessageFormat {
    let format = compiled.get(id);
    if (format === undefined) {
      const source = own[id] ?? fallback[id];
      if (source === undefined) throw new Error(`no message "${id}" in any catalogue`);
      const message = options.transform ? options.transform(source, id) : source;
      format = new IntlMessageFormat(message, language, zoned);
      compiled.set(id, format);
    }
    return format;
  }

  return {
    language,
    t(id, values) {
      const text = formatOf(id).format(values);
      // Only plain values are passed, so the result is a string; rich text is the renderer's business.
      return typeof text === 'string' ? text : String(text);
    },
    timeOfDay: (at) => timeFormat.format(at),
  };
}
