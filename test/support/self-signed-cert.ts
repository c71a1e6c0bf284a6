import { execFileSync } from 'node:child_process';
import { chmodSync } from 'node:fs';
import path from 'node:path';

export interface CertificateFiles {
  certFile: string;
  keyFile: string;
}

/**
 * A self-signed P-256 certificate for `localhost` and 127.0.0.1 that is also its own CA (so the cert
 * file is the client's CA file). EC keys take milliseconds to make; RSA 4096, which Samba makes for
 * itself, takes many seconds on a busy machine.
 */
export function makeSelfSignedCert(dir: string, name: string, days = 2): CertificateFiles {
  const certFile = path.join(dir, `${name}-cert.pem`);
  const keyFile = path.join(dir, `${name}-key.pem`);
  execFileSync('openssl', [
    ...['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'],
    ...['-days', String(days), '-subj', '/CN=localhost'],
    ...['-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1', '-addext', 'basicConstraints=critical,CA:TRUE'],
    ...['-keyout', keyFile, '-out', certFile],
  ], { stdio: ['ignore', 'ignore', 'pipe'] });
  // Samba refuses a key file others can read.
  chmodSync(keyFile, 0o600);
  return { certFile, keyFile };
}
