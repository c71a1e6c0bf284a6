import { contract, technicianChannels, type Channel, type ParsedRequestOf, type ResponseOf } from '../../../shared/ipc/contract.js';
import { fail, type Result } from '../../../shared/ipc/result.js';
import { isKioskFailure } from '../errors/kiosk-failure.js';
import type { SenderInfo } from './sender.js';

export type ChannelHandler<C extends Channel> = (input: ParsedRequestOf<C>) => Result<ResponseOf<C>> | Promise<Result<ResponseOf<C>>>;
export type IpcHandlers = { [C in Channel]: ChannelHandler<C> };

export interface IpcRouter {
  handle(channel: string, sender: SenderInfo, raw: unknown): Promise<Result<unknown>>;
}

export interface IpcRouterOptions {
  /** e.g. 'app://kiosk' in Electron, 'https://kiosk.test' in the preview host. */
  appOrigin: string;
  handlers: IpcHandlers;
  /** One line per refusal or failure; never the payload, which may hold a password or code. */
  log?: (line: string) => void;
  /**
   * Whether main holds an open technician session (ending a stale one first). Technician channels are
   * refused without one; absent, they are always refused.
   */
  technicianSignedIn?: () => Promise<boolean>;
}

/**
 * The one door into main, shared by the Electron shell and the preview host: known channel, then the
 * kiosk's own top-level frame, then the channel's schema. Only then does a service see the input.
 */
export function createIpcRouter(options: IpcRouterOptions): IpcRouter {
  const appOrigin = originOf(options.appOrigin);
  if (appOrigin === null) throw new Error(`appOrigin must be an absolute URL origin, got "${options.appOrigin}"`);
  const log = options.log ?? (() => undefined);

  return {
    async handle(channel, sender, raw) {
      if (!isChannel(channel)) {
        log(`ipc refused: unknown channel (${channel.length} characters)`);
        return fail('UNKNOWN_CHANNEL');
      }
      if (!sender.isMainFrame || originOf(sender.url) !== appOrigin) {
        log(`ipc refused: ${channel} from a frame that is not the kiosk's main frame`);
        return fail('FORBIDDEN');
      }
      try {
        if (technicianChannels.has(channel) && !(await (options.technicianSignedIn?.() ?? false))) {
          log(`ipc refused: ${channel} without a technician session`);
          return fail('TECHNICIAN_REQUIRED');
        }
        const parsed = contract[channel].request.safeParse(raw);
        if (!parsed.success) return fail('BAD_INPUT');
        return await (options.handlers[channel] as ChannelHandler<Channel>)(parsed.data as never);
      } catch (error) {
        // Expected failures (a busy or unavailable database) reach the person in words, not as INTERNAL.
        if (isKioskFailure(error)) {
          log(`ipc ${channel} refused: ${describeFailure(error)}`);
          return fail(error.kioskError);
        }
        // The error's own first line (SQLite, argon2 and mail errors never carry the bound values), never the payload.
        log(`ipc ${channel} failed: ${describeFailure(error)}`);
        return fail('INTERNAL');
      }
    },
  };
}

function isChannel(channel: unknown): channel is Channel {
  return typeof channel === 'string' && Object.hasOwn(contract, channel);
}

/**
 * WHATWG URL reports the origin of a non-special scheme such as app:// as "null"; Chromium treats a
 * privileged standard scheme as scheme://host, so that is what we compare.
 */
export function originOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.origin !== 'null') return parsed.origin;
  if (parsed.host === '' || parsed.username !== '' || parsed.password !== '') return null;
  return `${parsed.protocol}//${parsed.host}`.toLowerCase();
}

function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return 'non-error thrown';
  return `${error.name}: ${error.message.split('\n')[0]!.slice(0, 200)}`;
}
