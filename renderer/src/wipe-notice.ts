import { create } from 'zustand';

/** How long the start screen says why it was cleared; the next person's first choice hides it sooner. */
export const wipeNoticeSeconds = 20;

/**
 * "The screen was cleared for your privacy": set only by a wipe the kiosk made by itself (the idle
 * countdown, the Done screen's timer), never by the person's own "Start over" or "Finish", so the
 * start screen can tell a newcomer why the last screen vanished.
 */
export interface WipeNoticeState {
  shown: boolean;
  show(): void;
  hide(): void;
}

let timer: ReturnType<typeof setTimeout> | undefined;

export const useWipeNotice = create<WipeNoticeState>()((set) => ({
  shown: false,
  show: () => {
    clearTimeout(timer);
    set({ shown: true });
    timer = setTimeout(() => set({ shown: false }), wipeNoticeSeconds * 1000);
  },
  hide: () => {
    clearTimeout(timer);
    set({ shown: false });
  },
}));
