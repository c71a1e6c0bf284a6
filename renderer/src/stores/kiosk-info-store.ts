import { create } from 'zustand';
import type { KioskInfo } from '../../../shared/ipc/contract.js';
import type { KioskApi } from '../../../shared/ipc/kiosk-api.js';
import type { KioskError } from '../../../shared/ipc/result.js';

/**
 * Branding, policy and desk details: the kiosk's configuration, not the walk-up person's data, so
 * a wipe leaves it alone.
 */
export interface KioskInfoState {
  info: KioskInfo | null;
  error: KioskError | null;
  load(): Promise<void>;
  reset(): void;
}

export function createKioskInfoStore(kiosk: () => KioskApi) {
  return create<KioskInfoState>()((set, _get, store) => ({
    info: null,
    error: null,
    load: async () => {
      set({ error: null });
      try {
        const result = await kiosk().info();
        set(result.ok ? { info: result.value } : { error: result.error });
      } catch {
        set({ error: { code: 'INTERNAL' } });
      }
    },
    reset: () => set(store.getInitialState()),
  }));
}

export type KioskInfoStore = ReturnType<typeof createKioskInfoStore>;
