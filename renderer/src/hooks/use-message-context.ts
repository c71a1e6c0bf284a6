import type { KioskInfo } from '../../../shared/ipc/contract.js';
import type { MessageContext } from '../messages.js';
import { useKioskInfo } from '../stores/bound-stores.js';

/** Screens render only once kiosk:info has answered (App waits for it), so info is always there. */
export function useLoadedInfo(): KioskInfo {
  const info = useKioskInfo((s) => s.info);
  if (info === null) throw new Error('a screen rendered before kiosk:info answered');
  return info;
}

export function messageContextOf(info: KioskInfo): MessageContext {
  return { rules: info.policy, organisationName: info.organisationName, deskName: info.serviceDesk.name };
}
