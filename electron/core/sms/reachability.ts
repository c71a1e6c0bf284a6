import { connect as connectTcp, isIP, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';
import { networkFailure } from './http-exchange.js';

/**
 * The fallback probe for a gateway without a health URL: open a TCP connection to its host and port
 * (for https, complete the TLS handshake, so the certificate is checked too) and close it again.
 * It proves DNS, routing, the firewall and the certificate, nothing more: not the credentials, not
 * that the gateway would accept a message. A healthCheck URL answers those, at the price of one
 * request the gateway must serve.
 */
export function probeReachability(url: string, timeoutMs: number): Promise<void> {
  const target = new URL(url);
  const secure = target.protocol === 'https:';
  const host = target.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = target.port === '' ? (secure ? 443 : 80) : Number(target.port);
  const request = { url, purpose: 'probe', timeoutMs };

  return new Promise<void>((resolve, reject) => {
    let socket: Socket;
    const timer = setTimeout(() => {
      socket.destroy();
      reject(networkFailure(undefined, true, request));
    }, timeoutMs);
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve();
    };
    if (secure) {
      // SNI takes a host name only; an IP address is checked against the certificate's IP entries.
      socket = connectTls({ host, port, ...(isIP(host) === 0 ? { servername: host } : {}) }, done);
    } else {
      socket = connectTcp({ host, port }, done);
    }
    socket.once('error', (error) => {
      clearTimeout(timer);
      socket.destroy();
      reject(networkFailure(error, false, request));
    });
  });
}
