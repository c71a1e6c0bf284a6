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
    begin: (purpose: 'reset' | 'unlock', username: string) => invoke('journey:begin', { purpose, username }),
    signIn: (purpose: 'change', username: string, password: string) => invoke('journey:signIn', { purpose, username, password }),
    chooseMethod: (method: 'email' | 'sms') => invoke('code:choose', { method }),
    resendCode: () => invoke('code:resend', {}),
    verifyCode: (code: string) => invoke('code:verify', { code }),
    setPassword: (password: string, confirmation: string) => invoke('password:set', { password, confirmation }),
    checkPassword: (password: string) => invoke('policy:check', { password }),
    demoInbox: () => invoke('demo:inbox', {}),
  };
}

export type KioskApi = ReturnType<typeof createKioskApi>;
