import type { Language } from '../i18n/languages.js';
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
    setLanguage: (language: Language) => invoke('session:setLanguage', { language }),
    begin: (purpose: 'reset' | 'unlock', username: string) => invoke('journey:begin', { purpose, username }),
    signIn: (purpose: 'change' | 'register', username: string, password: string) => invoke('journey:signIn', { purpose, username, password }),
    chooseMethod: (method: 'email' | 'sms' | 'app') => invoke('code:choose', { method }),
    resendCode: () => invoke('code:resend', {}),
    verifyCode: (code: string) => invoke('code:verify', { code }),
    setPassword: (password: string, confirmation: string) => invoke('password:set', { password, confirmation }),
    checkPassword: (password: string) => invoke('policy:check', { password }),
    addEmail: (email: string, confirmation: string, replaces?: string) =>
      invoke('method:addEmail', replaces === undefined ? { email, confirmation } : { email, confirmation, replaces }),
    addPhone: (phone: string, replaces?: string) => invoke('method:addPhone', replaces === undefined ? { phone } : { phone, replaces }),
    addApp: (replaces?: string) => invoke('method:addApp', replaces === undefined ? {} : { replaces }),
    resendMethodCode: () => invoke('method:resendCode', {}),
    confirmMethod: (code: string) => invoke('method:confirm', { code }),
    removeMethod: (id: string) => invoke('method:remove', { id }),
    saveMethod: () => invoke('method:save', {}),
    cancelMethod: () => invoke('method:cancel', {}),
    createTicket: () => invoke('ticket:create', {}),
    technician: () => invoke('technician:get', {}),
    technicianSignIn: (username: string, password: string, code: string) => invoke('technician:signIn', { username, password, code }),
    technicianSignOut: () => invoke('technician:signOut', {}),
    technicianStillHere: () => invoke('technician:stillHere', {}),
    lookUpPerson: (username: string) => invoke('technician:lookup', { username }),
    lookUpTicket: (ticket: string) => invoke('technician:lookup', { ticket }),
    recordIdCheck: (document: string) => invoke('technician:recordIdCheck', { document, seenInPerson: true }),
    unlockPerson: () => invoke('technician:unlock', {}),
    clearPersonBlocks: () => invoke('technician:clearBlocks', {}),
    assist: (kind: 'reset' | 'reset_with_code' | 'enrol') => invoke('technician:assist', { kind }),
    endAssist: () => invoke('technician:endAssist', {}),
    closeCase: () => invoke('technician:closeCase', {}),
    quitKiosk: (pin?: string) => invoke('kiosk:quit', pin === undefined ? {} : { pin }),
    demoInbox: () => invoke('demo:inbox', {}),
  };
}

export type KioskApi = ReturnType<typeof createKioskApi>;
