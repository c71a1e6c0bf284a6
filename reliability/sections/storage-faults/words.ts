import { effectivePolicy } from '../../../electron/core/config/effective-policy.js';
import { doneWords, errorMessages, type MessageContext } from '../../../renderer/src/messages.js';
import type { KioskConfig } from '../../../shared/config/config-schema.js';
import { createTranslator } from '../../../shared/i18n/translator.js';
import type { ChangeOutcome } from '../../../shared/flow/stages.js';
import type { ErrorCode } from '../../../shared/ipc/result.js';

export const section = 'storage faults';

/** The words the kiosk's page shows for an error code, with the demo organisation's names. */
export function wordsFor(config: KioskConfig) {
  const context: MessageContext = { rules: effectivePolicy(config), organisationName: config.branding.organisationName, deskName: config.branding.serviceDesk.name, words: createTranslator(config.languages.default) };
  return {
    error: (code: ErrorCode) => errorMessages[code](undefined, context),
    done: (outcome: ChangeOutcome) => {
      const words = doneWords(context.words, outcome, 'none', context.deskName);
      return `${words.heading}: ${words.lines.join(' ')}`;
    },
  };
}

export type Words = ReturnType<typeof wordsFor>;
