import { createContext, useContext } from 'react';

/**
 * True while the walk-up screens are shown as a technician's assisted step: a technician stands
 * beside the screen, so nothing typed may be shown (no reveal button) and the public offers meant for
 * someone alone (a help ticket) are left out.
 */
export const AssistedMode = createContext(false);

export function useAssistedMode(): boolean {
  return useContext(AssistedMode);
}
