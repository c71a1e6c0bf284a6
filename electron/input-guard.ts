/**
 * Keyboard shortcuts a walk-up user must not reach (security.md 24): reload would drop the walk-up
 * session's screen state, DevTools would expose the page, zoom breaks the kiosk layout. main.ts also
 * removes the application menu, so this is the second layer, not the only one.
 *
 * Quit and switch combos (Alt+F4, Ctrl+Alt+Del, Super, Alt+Tab) belong to the operating system and
 * are left to the OS kiosk setup (assigned-access / a locked-down session): a page cannot hold them.
 */

/** The fields of Electron's `Input` (before-input-event) this guard reads. */
export interface KeyInput {
  key: string;
  code?: string;
  control: boolean;
  meta: boolean;
  shift: boolean;
  alt: boolean;
}

const devToolsLetters = new Set(['KeyI', 'KeyJ', 'KeyC']);
const zoomCodes = new Set(['Equal', 'Minus', 'Digit0', 'NumpadAdd', 'NumpadSubtract', 'Numpad0']);
const zoomKeys = new Set(['+', '-', '=', '_', '0']);

function letterCode(input: KeyInput): string {
  // `code` names the physical key; fall back to the typed key for inputs that lack it.
  if (input.code !== undefined && input.code !== '') return input.code;
  return input.key.length === 1 ? `Key${input.key.toUpperCase()}` : input.key;
}

export type BlockedShortcut = 'reload' | 'devtools' | 'zoom' | null;

export function blockedShortcut(input: KeyInput): BlockedShortcut {
  const key = input.key;
  const code = letterCode(input);
  // Ctrl on Windows/Linux, Cmd on macOS.
  const command = input.control || input.meta;

  if (key === 'F5' || key === 'BrowserRefresh') return 'reload';
  if (command && code === 'KeyR') return 'reload';

  if (key === 'F12') return 'devtools';
  if (input.control && input.shift && devToolsLetters.has(code)) return 'devtools';
  if (input.meta && input.alt && devToolsLetters.has(code)) return 'devtools';

  if (command && (zoomCodes.has(code) || zoomKeys.has(key))) return 'zoom';
  return null;
}

export function isBlockedShortcut(input: KeyInput): boolean {
  return blockedShortcut(input) !== null;
}
