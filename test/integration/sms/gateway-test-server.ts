import { createServer as createHttpServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net';

/** One request as the gateway saw it. */
export interface RecordedRequest {
  method: string;
  /** Path and query, e.g. /api/messages?key=1 */
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** What the fake gateway does with a request: answer it, or hold it open and never answer. */
export type GatewayReply = { status: number; body?: string; contentType?: string; location?: string } | 'never-answer';

export interface TestGateway {
  port: number;
  /** http(s)://127.0.0.1:port + path */
  url(path: string): string;
  requests: RecordedRequest[];
  /** Replaces the reply for every request from now on. */
  reply(next: GatewayReply | ((request: RecordedRequest) => GatewayReply)): void;
  close(): Promise<void>;
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

/**
 * A text-message gateway on 127.0.0.1 and a free port: records every request (method, path, headers,
 * body) and answers 200 `{"ok":true}` unless told otherwise. Pass a key and certificate for https.
 */
export async function startGateway(options: { tls?: { key: string; cert: string } } = {}): Promise<TestGateway> {
  const requests: RecordedRequest[] = [];
  let decide: (request: RecordedRequest) => GatewayReply = () => ({ status: 200, body: '{"ok":true}' });

  const handle = (incoming: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const request: RecordedRequest = {
        method: incoming.method ?? '',
        path: incoming.url ?? '',
        headers: incoming.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(request);
      const reply = decide(request);
      if (reply === 'never-answer') return;
      response.writeHead(reply.status, {
        'content-type': reply.contentType ?? 'application/json',
        ...(reply.location === undefined ? {} : { location: reply.location }),
      });
      response.end(reply.body ?? '');
    });
  };
  const server = options.tls ? createHttpsServer(options.tls, handle) : createHttpServer(handle);
  const port = await listen(server);
  const scheme = options.tls ? 'https' : 'http';
  return {
    port,
    url: (path) => `${scheme}://127.0.0.1:${port}${path}`,
    requests,
    reply(next) {
      decide = typeof next === 'function' ? next : () => next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        // Held requests would keep close() waiting for ever.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Accepts TCP connections and never says a word: a TLS handshake to it never completes. */
export async function startSilentServer(): Promise<{ port: number; connections(): number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  let connections = 0;
  const server = createTcpServer((socket) => {
    connections += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  });
  const port = await new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
  return {
    port,
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
