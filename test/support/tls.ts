// A certificate authority and a server certificate for 127.0.0.1, made with openssl (Debian `openssl`) in a folder
// the test owns, so an HTTPS server can be started and a client told to trust exactly that authority
// (NODE_EXTRA_CA_CERTS for the installed command, as a department with its own authority would do).
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { requireFiles } from './server-process';

export const OPENSSL = process.env.OPENSSL_BIN ?? '/usr/bin/openssl';

export interface TestCertificate {
  /** The authority's certificate (PEM): what a client must trust. */
  caFile: string;
  /** The server's certificate (PEM, signed by the authority, for IP 127.0.0.1 and localhost) and its key. */
  certFile: string;
  keyFile: string;
}

export function makeCertificate(dir: string): TestCertificate {
  requireFiles('openssl', 'openssl', [OPENSSL]);
  const file = (name: string) => path.join(dir, name);
  const run = (...args: string[]) => execFileSync(OPENSSL, args, { stdio: 'pipe' });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  run(
    'req',
    '-x509',
    ...ec,
    '-keyout',
    file('ca.key'),
    '-out',
    file('ca.pem'),
    '-days',
    '2',
    '-subj',
    '/CN=Target Sheets test authority',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  );
  run('req', '-new', ...ec, '-keyout', file('server.key'), '-out', file('server.csr'), '-subj', '/CN=127.0.0.1');
  writeFileSync(
    file('server.ext'),
    [
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
      'basicConstraints=CA:FALSE',
      'keyUsage=critical,digitalSignature',
      'extendedKeyUsage=serverAuth',
      '',
    ].join('\n'),
  );
  run(
    'x509',
    '-req',
    '-in',
    file('server.csr'),
    '-CA',
    file('ca.pem'),
    '-CAkey',
    file('ca.key'),
    '-CAcreateserial',
    '-out',
    file('server.pem'),
    '-days',
    '2',
    '-extfile',
    file('server.ext'),
  );
  return { caFile: file('ca.pem'), certFile: file('server.pem'), keyFile: file('server.key') };
}
