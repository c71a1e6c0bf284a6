import { readFileSync } from 'node:fs';
import net from 'node:net';
import tls from 'node:tls';
import { Client, InvalidCredentialsError, ResultCodeError, type ClientOptions } from 'ldapts';
import { DirectoryUnavailableError, type DirectoryUnavailableReason } from '../directory-errors.js';

export interface LdapPoolOptions {
  url: string;
  startTls: boolean;
  /** PEM text of the CA(s) the directory's certificate must chain to; system CAs when absent. */
  ca?: string | undefined;
  servername?: string | undefined;
  bindDn: string;
  bindPassword: string;
  size: number;
  timeoutMs: number;
  connectTimeoutMs: number;
}

export interface LdapPool {
  /**
   * Runs `work` on a connection bound as the service account. A connection that broke is dropped, and
   * with `retry` (reads only: a write that was sent may have happened) the work runs once more on a
   * fresh one, so a directory that restarted is reconnected to without the person noticing.
   */
  withService<T>(work: (client: Client) => Promise<T>, options?: { retry?: boolean }): Promise<T>;
  /**
   * Binds as `dn` with `password` on a connection of its own, closed afterwards: the directory's
   * answer (null for success, else its result error, e.g. InvalidCredentialsError with AD's
   * "data 52e"), or DirectoryUnavailableError when it could not be asked.
   */
  tryBind(dn: string, password: string): Promise<ResultCodeError | null>;
  /** Connects and binds as the service account: start-up checks and health. */
  probe(): Promise<void>;
  close(): Promise<void>;
}

const tlsCodes = /^(DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT(_LOCALLY)?|CERT_HAS_EXPIRED|CERT_NOT_YET_VALID|CERT_UNTRUSTED|CERT_REVOKED|ERR_TLS_CERT_ALTNAME_INVALID|ERR_SSL_.*|EPROTO)$/;
const networkCodes = /^(ECONNREFUSED|ECONNRESET|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN|EPIPE|ETIMEDOUT)$/;

/** What a failure to reach or use the directory was, in the kiosk's terms; null for a directory's own answer. */
export function classifyLdapFailure(error: unknown): DirectoryUnavailableReason | null {
  if (error instanceof ResultCodeError) return null;
  if (error instanceof DirectoryUnavailableError) return error.reason;
  const { code, message } = (typeof error === 'object' && error !== null ? error : {}) as { code?: unknown; message?: unknown };
  const text = typeof code === 'string' ? code : '';
  const words = typeof message === 'string' ? message : '';
  if (tlsCodes.test(text) || /certificate|self[- ]signed|altnames|SSL routines/i.test(words)) return 'tls';
  if (/timed out|timeout/i.test(words)) return 'timeout';
  if (networkCodes.test(text) || /Socket error|Connection closed|socket hang up/i.test(words)) return 'unreachable';
  return 'protocol';
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]!.slice(0, 160);
}

/** Turns a failure to reach the directory into DirectoryUnavailableError; a directory's own answer is rethrown as is. */
export function asDirectoryFailure(error: unknown, maybeApplied = false): unknown {
  if (error instanceof DirectoryUnavailableError) return error;
  const reason = classifyLdapFailure(error);
  return reason === null ? error : new DirectoryUnavailableError(reason, firstLine(error), maybeApplied);
}

/**
 * A few connections to the directory, each bound as the kiosk's service account. ldapts quietly
 * reconnects a client whose socket closed, and the new socket would be neither bound nor (after
 * StartTLS) encrypted; so each client here may open one socket only (and, with StartTLS, upgrade it
 * once): a second attempt fails the operation instead, and the pool replaces the client.
 */
export function createLdapPool(options: LdapPoolOptions): LdapPool {
  const secure = options.url.startsWith('ldaps://');
  const tlsOptions: tls.ConnectionOptions = {
    ...(options.ca === undefined ? {} : { ca: options.ca }),
    ...(options.servername === undefined ? {} : { servername: options.servername }),
    minVersion: 'TLSv1.2',
  };
  const idle: Client[] = [];
  const waiting: Array<() => void> = [];
  let open = 0;
  let closed = false;

  // ldapts 8 misses the end of a StartTLS connection: its close handler sits on the plain socket and
  // compares it with the TLS one that replaced it, so isConnected stays true and the next request on
  // that idle client waits out the whole timeout. The plain socket's own 'close' is watched here.
  const socketClosed = new WeakMap<Client, () => boolean>();
  const usable = (client: Client) => client.isConnected && socketClosed.get(client)?.() !== true;

  function oneShotClient(): Client {
    let sockets = 0;
    let socketGone = false;
    let upgrades = 0;
    const clientOptions: ClientOptions = {
      url: options.url,
      timeout: options.timeoutMs,
      connectTimeout: options.connectTimeoutMs,
      // Only for ldaps://: ldapts treats any tlsOptions as "connect with TLS", which on an ldap://
      // port meant for StartTLS is a TLS hello to a plain LDAP server (it resets the connection).
      ...(secure ? { tlsOptions } : {}),
      createConnection: ((...args: Parameters<typeof net.connect>) => {
        if (sockets++ > 0) throw new Error('Socket error: the directory connection closed (not reopened unbound)');
        const socket = net.connect(...args);
        socket.once('close', () => (socketGone = true));
        return socket;
      }) as typeof net.connect,
      createSecureConnection: ((...args: Parameters<typeof tls.connect>) => {
        if (upgrades++ > 0) throw new Error('Socket error: the directory connection closed (not reopened unbound)');
        return (tls.connect as (...all: unknown[]) => tls.TLSSocket)(...args);
      }) as typeof tls.connect,
    };
    const client = new Client(clientOptions);
    socketClosed.set(client, () => socketGone);
    return client;
  }

  /** A connection over TLS (LDAPS, or StartTLS first), not yet bound. */
  async function connect(): Promise<Client> {
    const client = oneShotClient();
    try {
      // A copy: ldapts writes the plain socket into the options it is given.
      if (!secure && options.startTls) await client.startTLS({ ...tlsOptions });
      return client;
    } catch (error) {
      await discard(client);
      throw asDirectoryFailure(error);
    }
  }

  async function discard(client: Client): Promise<void> {
    await client.unbind().catch(() => undefined);
  }

  async function serviceClient(): Promise<Client> {
    const client = await connect();
    try {
      await client.bind(options.bindDn, options.bindPassword);
      return client;
    } catch (error) {
      await discard(client);
      if (error instanceof InvalidCredentialsError) {
        throw new DirectoryUnavailableError('refused_login', 'the directory refused the kiosk service account (check bindDn and its password)');
      }
      throw asDirectoryFailure(error);
    }
  }

  async function acquire(): Promise<Client> {
    if (closed) throw new DirectoryUnavailableError('unreachable', 'the directory connection pool is closed');
    for (;;) {
      const client = idle.pop();
      if (client !== undefined) {
        if (usable(client)) return client;
        open -= 1;
        // Not awaited: ldapts may still think the dead connection open and wait out the timeout for an answer to its unbind.
        void discard(client);
        continue;
      }
      if (open < options.size) {
        open += 1;
        try {
          return await serviceClient();
        } catch (error) {
          open -= 1;
          waiting.shift()?.();
          throw error;
        }
      }
      await new Promise<void>((resolve) => waiting.push(resolve));
    }
  }

  function release(client: Client, healthy: boolean): void {
    if (healthy && !closed && usable(client)) idle.push(client);
    else {
      open -= 1;
      void discard(client);
    }
    waiting.shift()?.();
  }

  async function runOnce<T>(work: (client: Client) => Promise<T>): Promise<T> {
    const client = await acquire();
    try {
      const result = await work(client);
      release(client, true);
      return result;
    } catch (error) {
      // A directory's answer leaves the connection usable; anything else means it is gone.
      release(client, error instanceof ResultCodeError);
      throw error;
    }
  }

  return {
    async withService(work, runOptions) {
      try {
        return await runOnce(work);
      } catch (error) {
        if (runOptions?.retry === true && classifyLdapFailure(error) !== null && !(error instanceof DirectoryUnavailableError)) {
          try {
            return await runOnce(work);
          } catch (second) {
            throw asDirectoryFailure(second);
          }
        }
        throw asDirectoryFailure(error, runOptions?.retry !== true);
      }
    },

    async tryBind(dn, password) {
      // An empty password makes a simple bind "unauthenticated" (RFC 4513 5.1.2), which many servers
      // (slapd, AD) accept as anonymous: it is never sent, and answers as a wrong password would.
      if (password === '') return new InvalidCredentialsError('empty password');
      const client = await connect();
      try {
        await client.bind(dn, password);
        return null;
      } catch (error) {
        if (error instanceof ResultCodeError) return error;
        throw asDirectoryFailure(error);
      } finally {
        await discard(client);
      }
    },

    async probe() {
      await runOnce(async () => undefined);
    },

    async close() {
      closed = true;
      const clients = idle.splice(0);
      open -= clients.length;
      await Promise.all(clients.map(discard));
      for (const wake of waiting.splice(0)) wake();
    },
  };
}

/** The pool for a configured directory: the service password from the environment, the CA from its file. */
export function ldapPoolFor(
  config: { url: string; startTls: boolean; caFile?: string | undefined; servername?: string | undefined; bindDn: string; bindPasswordEnv: string; poolSize: number; timeoutSeconds: number; connectTimeoutSeconds: number },
  env: Record<string, string | undefined>,
): LdapPool {
  const bindPassword = env[config.bindPasswordEnv];
  if (bindPassword === undefined || bindPassword === '') {
    throw new Error(`directory.bindPasswordEnv: the environment variable ${config.bindPasswordEnv} is not set`);
  }
  let ca: string | undefined;
  if (config.caFile !== undefined) {
    try {
      ca = readFileSync(config.caFile, 'utf8');
    } catch (error) {
      throw new Error(`directory.caFile: cannot read ${config.caFile} (${firstLine(error)})`);
    }
  }
  return createLdapPool({
    url: config.url,
    startTls: config.startTls,
    ca,
    servername: config.servername,
    bindDn: config.bindDn,
    bindPassword,
    size: config.poolSize,
    timeoutMs: config.timeoutSeconds * 1000,
    connectTimeoutMs: config.connectTimeoutSeconds * 1000,
  });
}
