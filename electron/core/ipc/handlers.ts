import type { KioskInfo } from '../../../shared/ipc/contract.js';
import { fail, ok } from '../../../shared/ipc/result.js';
import type { KioskJourneys } from '../journeys/kiosk-journeys.js';
import type { DemoOutbox } from '../mail/demo-outbox.js';
import type { HelpTicketStep, TechnicianAccess, TechnicianCases } from '../technician/technician-desk.js';
import type { IpcHandlers } from './router.js';

export interface IpcHandlerDeps {
  journeys: KioskJourneys;
  tickets: HelpTicketStep;
  technician: { access: TechnicianAccess; cases: TechnicianCases };
  info: KioskInfo;
  demoOutbox: DemoOutbox | null;
  /** Asked once quitting was allowed, after the answer has gone back: the shell quits (Electron: app.quit()). */
  onQuit?: () => void;
}

/** Maps each contract channel to the service call behind it; the router has already parsed the input. */
export function createIpcHandlers(deps: IpcHandlerDeps): IpcHandlers {
  const { journeys, info, demoOutbox } = deps;
  const { access, cases } = deps.technician;
  return {
    'kiosk:info': () => ok(info),
    'session:get': () => journeys.view(),
    'session:startOver': () => journeys.startOver(),
    'session:stillHere': () => journeys.stillHere(),
    'session:setLanguage': ({ language }) => journeys.setLanguage(language),
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
    'ticket:create': () => deps.tickets.create(),
    'technician:get': () => access.view(),
    'technician:signIn': ({ username, password, code }) => access.signIn(username, password, code),
    // The router has let these through only while main holds an open technician session.
    'technician:signOut': () => access.signOut(),
    'technician:stillHere': () => access.stillHere(),
    'technician:lookup': (by) => cases.lookUp(by),
    'technician:recordIdCheck': ({ document }) => cases.recordIdCheck(document),
    'technician:unlock': () => cases.unlock(),
    'technician:clearBlocks': () => cases.clearBlocks(),
    'technician:assist': ({ kind }) => cases.assist(kind),
    'technician:endAssist': () => cases.endAssist(),
    'technician:closeCase': () => cases.closeCase(),
    'kiosk:quit': async ({ pin }) => {
      const answer = await access.quit(pin);
      // After the answer has crossed IPC: the page is told before the window goes.
      if (answer.ok && deps.onQuit !== undefined) setImmediate(deps.onQuit);
      return answer;
    },
    'policy:check': ({ password }) => journeys.checkPassword(password),
    'demo:inbox': () => (demoOutbox === null ? fail('NOT_AVAILABLE') : ok(demoOutbox.messages())),
  };
}
