import type { Channel, RequestOf } from '../../../shared/ipc/contract.js';
import { createKioskApi, type Invoke, type KioskApi } from '../../../shared/ipc/kiosk-api.js';
import type { Result } from '../../../shared/ipc/result.js';

/**
 * A scripted main process: each call is recorded and answered by the test when it chooses, so the
 * order in which answers arrive can be arranged exactly.
 */
export interface PendingCall {
  channel: Channel;
  payload: unknown;
  answer(result: Result<unknown>): void;
}

export function scriptedMain() {
  const calls: PendingCall[] = [];
  const invoke = ((channel: Channel, payload: RequestOf<Channel>) =>
    new Promise((resolve) => {
      calls.push({ channel, payload, answer: resolve as (result: Result<unknown>) => void });
    })) as Invoke;
  const api: KioskApi = createKioskApi(invoke);
  return {
    api,
    calls,
    last(channel: Channel): PendingCall {
      const call = calls.filter((c) => c.channel === channel).at(-1);
      if (call === undefined) throw new Error(`no call to ${channel}`);
      return call;
    },
  };
}

