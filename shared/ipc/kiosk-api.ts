import type { Result } from './result.js';
import type { Channel, RequestOf, ResponseOf } from './contract.js';

/**
 * The named functions the preload exposes as `window.kiosk`. The transport is injected so the
 * Electron preload (ipcRenderer.invoke) and the preview host (page.exposeBinding) build the very
 * same object; neither ever hands the page a free channel.
 */
export type Invoke = <C extends Channel>(channel: C, payload: RequestOf<C>) => Promise<Result<ResponseOf<C>>>;

export function createKioskApi(invoke: Invoke) {
  return {
    info: () => invoke('kiosk:info', {}),
    session: () => invoke('session:get', {}),
    startOver: () => invoke('session:startOver', {}),
    stillHere: () => invoke('session:stillHere', {}),
    beginReset: (username: string) => invoke('reset:begin', { username }),
    chooseMethod: (method: 'email' | 'sms') => invoke('reset:chooseMethod', { method }),
    resendCode: () => invoke('reset:resendCode', {}),
    verifyCode: (code: string) => invoke('reset:verifyCode', { code }),
    setPassword: (password: string, confirmation: string) => invoke('reset:setPassword', { password, confirmation }),
    checkPassword: (password: string) => invoke('policy:check', { password }),
    demoInbox: () => invoke('demo:inbox', {}),
  };
}

export type KioskApi = ReturnType<typeof createKioskApi>;
