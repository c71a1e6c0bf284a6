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
    'journey:signIn': ({ username, password }) => journeys.signIn(username, password),
    'code:choose': ({ method }) => journeys.chooseMethod(method),
    'code:resend': () => journeys.resendCode(),
    'code:verify': ({ code }) => journeys.verifyCode(code),
    'password:set': ({ password, confirmation }) => journeys.setPassword(password, confirmation),
    // TODO(issue 9): the registration journey.
    'method:addEmail': () => fail('NOT_AVAILABLE'),
    'method:addPhone': () => fail('NOT_AVAILABLE'),
    'method:addApp': () => fail('NOT_AVAILABLE'),
    'method:resendCode': () => fail('NOT_AVAILABLE'),
    'method:confirm': () => fail('NOT_AVAILABLE'),
    'method:remove': () => fail('NOT_AVAILABLE'),
    'method:save': () => fail('NOT_AVAILABLE'),
    'method:cancel': () => fail('NOT_AVAILABLE'),
    'policy:check': ({ password }) => journeys.checkPassword(password),
    'demo:inbox': () => (demoOutbox === null ? fail('NOT_AVAILABLE') : ok(demoOutbox.messages())),
  };
}
