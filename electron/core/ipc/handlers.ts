import type { KioskInfo } from '../../../shared/ipc/contract.js';
import { fail, ok } from '../../../shared/ipc/result.js';
import type { KioskJourneys } from '../journeys/kiosk-journeys.js';
import type { DemoOutbox } from '../mail/demo-outbox.js';
import type { IpcHandlers } from './router.js';

/** Maps each contract channel to the service call behind it; the router has already parsed the input. */
export function createIpcHandlers(deps: { journeys: KioskJourneys; info: KioskInfo; demoOutbox: DemoOutbox | null }): IpcHandlers {
  const { journeys, info, demoOutbox } = deps;
  return {
    'kiosk:info': () => ok(info),
    'session:get': () => journeys.view(),
    'session:startOver': () => journeys.startOver(),
    'session:stillHere': () => journeys.stillHere(),
    'journey:begin': ({ purpose, username }) => journeys.begin(purpose, username),
    'journey:signIn': ({ purpose, username, password }) =>
      purpose === 'register' ? journeys.register.signIn(username, password) : journeys.signIn(username, password),
    'code:choose': ({ method }) => journeys.chooseMethod(method),
    'code:resend': () => journeys.resendCode(),
    'code:verify': ({ code }) => journeys.verifyCode(code),
    'password:set': ({ password, confirmation }) => journeys.setPassword(password, confirmation),
    // Registration: every step is refused outside a session signed in with the current password.
    'method:addEmail': (input) => journeys.register.addEmail(input),
    'method:addPhone': (input) => journeys.register.addPhone(input),
    'method:addApp': (input) => journeys.register.addApp(input),
    'method:resendCode': () => journeys.register.resendCode(),
    'method:confirm': ({ code }) => journeys.register.confirm(code),
    'method:remove': ({ id }) => journeys.register.remove(id),
    'method:save': () => journeys.register.save(),
    'method:cancel': () => journeys.register.cancel(),
    'policy:check': ({ password }) => journeys.checkPassword(password),
    'demo:inbox': () => (demoOutbox === null ? fail('NOT_AVAILABLE') : ok(demoOutbox.messages())),
  };
}
