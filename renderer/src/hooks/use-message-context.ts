import type { KioskInfo } from '../../../shared/ipc/contract.js';
import type { Translator } from '../../../shared/i18n/translator.js';
import { useWords } from '../i18n/use-words.js';
import type { MessageContext } from '../messages.js';
import { useKioskInfo } from '../stores/bound-stores.js';

/** Screens render only once kiosk:info has answered (App waits for it), so info is always there. */
export function useLoadedInfo(): KioskInfo {
  const info = useKioskInfo((s) => s.info);
  if (info === null) throw new Error('a screen rendered before kiosk:info answered');
  return info;
}

export function messageContextOf(info: KioskInfo, words: Translator): MessageContext {
  return { rules: info.policy, organisationName: info.organisationName, deskName: info.serviceDesk.name, words };
}

/** What every message of a screen needs: the policy, the names, and the session's language. */
export function useMessageContext(): MessageContext {
  return messageContextOf(useLoadedInfo(), useWords());
}
