import { create } from 'zustand';
import { sourceLanguage, type Language } from '../../../shared/i18n/languages.js';
import type { KioskApi } from '../../../shared/ipc/kiosk-api.js';

/**
 * The language of this walk-up session. Main holds it too (it writes the session's emails and
 * texts); the page follows main's answer, and goes back to the kiosk's default when the session ends.
 */
export interface LanguageState {
  language: Language;
  /** languages.default from kiosk:info, once it has answered. */
  defaultLanguage: Language;
  /** Asks main first: the page never shows a language main would not write messages in. */
  choose(language: Language): Promise<boolean>;
  /** kiosk:info answered: the default is known, and a session not yet started takes it. */
  setDefault(language: Language): void;
  /** The session ended (start over, Done, idle wipe): main has gone back to the default, so does the page. */
  backToDefault(): void;
}

export function createLanguageStore(kiosk: () => KioskApi) {
  return create<LanguageState>()((set, get) => ({
    language: sourceLanguage,
    defaultLanguage: sourceLanguage,
    choose: async (language) => {
      try {
        const answer = await kiosk().setLanguage(language);
        if (!answer.ok) return false;
        set({ language: answer.value.language });
        return true;
      } catch {
        return false;
      }
    },
    setDefault: (language) => set({ defaultLanguage: language, language }),
    backToDefault: () => set({ language: get().defaultLanguage }),
  }));
}

export type LanguageStore = ReturnType<typeof createLanguageStore>;
