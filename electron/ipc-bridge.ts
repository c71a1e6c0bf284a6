import type { SenderInfo } from './core/ipc/sender.js';
import { fail, type Result } from '../shared/ipc/result.js';

/**
 * Wires Electron's ipcMain to the kiosk router without importing Electron, so it runs under plain
 * Node with a fake ipcMain. The Electron event never goes past this file: the router sees only the
 * channel, who called (reduced to SenderInfo) and the raw payload, which it parses itself.
 */

/** The parts of Electron's WebFrameMain this bridge reads. */
export interface FrameLike {
  readonly url: string;
  readonly top: FrameLike | null;
  readonly parent: FrameLike | null;
}

/** The part of Electron's IpcMainInvokeEvent this bridge reads. */
export interface InvokeEventLike {
  readonly senderFrame: FrameLike | null | undefined;
}

export type InvokeListener = (event: InvokeEventLike, ...args: unknown[]) => Promise<Result<unknown>>;

export interface IpcMainLike {
  handle(channel: string, listener: InvokeListener): void;
  removeHandler(channel: string): void;
}

export interface IpcRouter {
  handle(channel: string, sender: SenderInfo, raw: unknown): Promise<Result<unknown>>;
}

export interface IpcBridgeOptions {
  /**
   * Told about a router failure so main can log it. Only the channel and the error go out, never
   * the payload: it may hold a password or a code.
   */
  onUnexpectedError?: (channel: string, error: unknown) => void;
  /**
   * Told about every answer the router gave, before the page gets it, so main can act when a
   * session ends (e.g. clear the clipboard). Gets the result only, never the payload.
   */
  onAnswered?: (channel: string, result: Result<unknown>) => void;
}

/**
 * Null when the frame is gone (navigated away or destroyed: Electron then returns null, or throws
 * "Render frame was disposed" when its properties are read).
 */
export function senderInfoOf(event: InvokeEventLike): SenderInfo | null {
  try {
    const frame = event.senderFrame;
    if (frame === null || frame === undefined) return null;
    const url = frame.url;
    if (typeof url !== 'string') return null;
    return { url, isMainFrame: frame.parent === null || frame.top === frame };
  } catch {
    return null;
  }
}

/**
 * Registers one handler per contract channel. Returns a function that removes them again (used on
 * quit and by tests). Extra arguments beyond the payload are ignored.
 */
export function registerIpc(
  ipcMain: IpcMainLike,
  router: IpcRouter,
  channels: readonly string[],
  options: IpcBridgeOptions = {},
): () => void {
  for (const channel of channels) {
    ipcMain.handle(channel, async (event, ...args) => {
      const sender = senderInfoOf(event);
      if (sender === null) return fail('FORBIDDEN');
      let result: Result<unknown>;
      try {
        result = await router.handle(channel, sender, args[0]);
      } catch (error) {
        // A throw through invoke would reach the renderer as a bare message; errors travel as values.
        options.onUnexpectedError?.(channel, error);
        return fail('INTERNAL');
      }
      options.onAnswered?.(channel, result);
      return result;
    });
  }
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}
