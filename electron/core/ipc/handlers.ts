import type { KioskInfo } from '../../../shared/ipc/contract.js';
import { fail, ok } from '../../../shared/ipc/result.js';
import type { DemoOutbox } from '../mail/demo-outbox.js';
import type { ResetJourney } from '../reset/reset-journey.js';
import type { IpcHandlers } from './router.js';

/** Maps each contract channel to the service call behind it; the router has already parsed the input. */
export function createIpcHandlers(deps: { reset: ResetJourney; info: KioskInfo; demoOutbox: DemoOutbox | null }): IpcHandlers {
  const { reset, info, demoOutbox } = deps;
  return {
    'kiosk:info': () => ok(info),
    'session:get': () => reset.view(),
    'session:startOver': () => reset.startOver(),
    'session:stillHere': () => reset.stillHere(),
    'reset:begin': ({ username }) => reset.begin(username),
    'reset:chooseMethod': ({ method }) => reset.chooseMethod(method),
    'reset:resendCode': () => reset.resendCode(),
    'reset:verifyCode': ({ code }) => reset.verifyCode(code),
    'reset:setPassword': ({ password, confirmation }) => reset.setPassword(password, confirmation),
    'policy:check': ({ password }) => reset.checkPassword(password),
    'demo:inbox': () => (demoOutbox === null ? fail('NOT_AVAILABLE') : ok(demoOutbox.messages())),
  };
}
