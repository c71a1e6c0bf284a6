import type { KioskApi } from '../../shared/ipc/kiosk-api.js';

declare global {
  interface Window {
    /** Built by the preload (or the preview host) with createKioskApi: named functions only. */
    readonly kiosk: KioskApi;
  }
}

export {};
