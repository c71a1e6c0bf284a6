import { useFlow, useLanguage } from './stores/bound-stores.js';
import { useWipeNotice } from './wipe-notice.js';

/** Who ended the session: the person ("Start over", "Finish") or the kiosk, when nobody was there. */
export type WipeCause = 'person' | 'timeout';

/**
 * Ends a walk-up session for good (security.md 26): the next person must find nothing of the last
 * one. Used by "Start over", the idle timeout and the Done screen alike.
 */
export async function endWalkUpSession(cause: WipeCause = 'person'): Promise<void> {
  // Reset first: the screen empties at once, even if main is slow to answer.
  useFlow.getState().reset();
  if (cause === 'timeout') useWipeNotice.getState().show();
  else useWipeNotice.getState().hide();
  useLanguage.getState().backToDefault();
  clearBrowserTraces();
  const backAtStart = await useFlow.getState().startOver();
  if (!backAtStart) await useFlow.getState().load();
}

function clearBrowserTraces(): void {
  try {
    sessionStorage.clear();
    localStorage.clear();
  } catch {
    // Storage can be disabled by the host; there is then nothing to clear.
  }
  // A copied password or code must not be left for the next person to paste. Electron denies the
  // page this write (every permission is refused), so main clears the clipboard itself when
  // startOver answers; this line covers hosts that allow it, such as the preview.
  navigator.clipboard?.writeText('').catch(() => undefined);
}
