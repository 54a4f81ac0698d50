// Python's ftplib: PASV transfers, FTP_TLS (which never resumes TLS sessions on data
// connections) and ABOR in the middle of a download (sent as urgent data).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { hasCommand, skipUnless } from '../../../../scripts/test-support.ts';
import { BandwidthBucket } from '../throttle.ts';
import { sha256, startServer } from '../testing/harness.ts';
import type { TestServer } from '../testing/harness.ts';
import { run } from '../testing/exec.ts';
import type { AuthResult } from '../types.ts';

const skip = skipUnless(hasCommand('python3'), 'python3');

const SCRIPT = String.raw`
import ftplib, hashlib, io, json, ssl, sys
mode, port, payload_path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
out = {}
if mode == 'plain':
    ftp = ftplib.FTP()
    ftp.connect('127.0.0.1', port, timeout=20)
    ftp.login('alice', 'secret')
    ftp.set_pasv(True)
    data = open(payload_path, 'rb').read()
    ftp.storbinary('STOR py.bin', io.BytesIO(data))
    buf = io.BytesIO()
    ftp.retrbinary('RETR py.bin', buf.write)
    out['sha'] = hashlib.sha256(buf.getvalue()).hexdigest()
    out['nlst'] = sorted(ftp.nlst())
    out['pwd'] = ftp.mkd('py dir')
    ftp.quit()
elif mode == 'tls':
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    ftp = ftplib.FTP_TLS(context=ctx)
    ftp.connect('127.0.0.1', port, timeout=20)
    ftp.login('alice', 'secret')
    ftp.prot_p()
    try:
        buf = io.BytesIO()
        ftp.retrbinary('RETR big.bin', buf.write)
        out['sha'] = hashlib.sha256(buf.getvalue()).hexdigest()
        # An FTPS upload: ftplib ends it with close_notify (unwrap), which the server requires.
        out['stor'] = ftp.storbinary('STOR py-tls.bin', io.BytesIO(buf.getvalue()))[:3]
    except ftplib.all_errors as e:
        out['error'] = str(e)
    try:
        ftp.quit()
    except Exception:
        pass
elif mode == 'abort':
    ftp = ftplib.FTP()
    ftp.connect('127.0.0.1', port, timeout=20)
    ftp.login('alice', 'secret')
    conn = ftp.transfercmd('RETR big.bin')
    got = conn.recv(65536)
    resp = ftp.abort()
    conn.close()
    out['first'] = resp[:3]
    if resp.startswith('426'):
        out['second'] = ftp.getresp()[:3]
    out['noop'] = ftp.voidcmd('NOOP')[:3]
    out['received'] = len(got)
    ftp.quit()
print(json.dumps(out))
`;

describe('interop: python ftplib', { skip }, () => {
  let t: TestServer;
  const bucket = new BandwidthBucket(0);
  const big = randomBytes(2 * 1024 * 1024);

  before(async () => {
    t = await startServer({ options: { tlsPolicy: { requireTlsSessionReuse: false } }, auth: { bandwidth: { download: bucket } } });
    fs.writeFileSync(path.join(t.home, 'big.bin'), big);
  });
  after(() => t.close());

  async function python(mode: string, port = t.port): Promise<Record<string, unknown>> {
    const r = await run('python3', ['-c', SCRIPT, mode, String(port), path.join(t.home, 'big.bin')]);
    assert.equal(r.code, 0, r.stderr);
    return JSON.parse(r.stdout) as Record<string, unknown>;
  }

  it('stores and retrieves over PASV', async () => {
    const out = await python('plain');
    assert.equal(out.sha, sha256(big));
    assert.deepEqual(out.nlst, ['big.bin', 'py.bin']);
    assert.equal(out.pwd, '/py dir');
  });

  // ftplib unwraps the TLS data socket after the transfer, which fails without the server's close_notify.
  it('downloads and uploads over FTP_TLS with PROT P when session reuse is not required (close_notify both ways)', async () => {
    const out = await python('tls');
    assert.equal(out.sha, sha256(big));
    assert.equal(out.stor, '226');
    assert.equal(sha256(fs.readFileSync(path.join(t.home, 'py-tls.bin'))), sha256(big));
  });

  it('is refused by a server that requires TLS session reuse', async () => {
    t.server.updateOptions({ tlsPolicy: { requireTlsSessionReuse: true } });
    const statuses: string[] = [];
    const onEnd = (e: { status: string }): void => void statuses.push(e.status);
    t.server.on('transfer:end', onEnd);
    try {
      const out = await python('tls');
      // ftplib sees either the 522 or the torn-down TLS socket, depending on timing.
      assert.equal(out.sha, undefined);
      assert.ok(out.error);
      assert.deepEqual(statuses, ['FAILED']);
    } finally {
      t.server.off('transfer:end', onEnd);
      t.server.updateOptions({ tlsPolicy: { requireTlsSessionReuse: false } });
    }
  });

  it('aborts a running download (ABOR as urgent data)', async () => {
    bucket.setRate(200_000);
    try {
      const out = await python('abort');
      assert.equal(out.first, '426');
      assert.equal(out.second, '226');
      assert.equal(out.noop, '200');
    } finally {
      bucket.setRate(0);
    }
  });
});

// The per-account policy, with the server at its defaults (session reuse required): stock
// FTP_TLS + prot_p(), no subclass, exactly as a user's script would do it.
describe('interop: python ftplib FTP_TLS and the per-account TLS session reuse policy', { skip }, () => {
  let t: TestServer;
  const auth: Partial<AuthResult> = {};
  const big = randomBytes(512 * 1024);

  before(async () => {
    t = await startServer({ auth });
    fs.writeFileSync(path.join(t.home, 'big.bin'), big);
  });
  after(() => t.close());

  async function python(): Promise<Record<string, unknown>> {
    const r = await run('python3', ['-c', SCRIPT, 'tls', String(t.port), path.join(t.home, 'big.bin')]);
    assert.equal(r.code, 0, r.stderr);
    return JSON.parse(r.stdout) as Record<string, unknown>;
  }

  it('is refused while the account follows the server default', async () => {
    delete auth.isTlsSessionReuseRequired;
    const out = await python();
    assert.equal(out.sha, undefined);
    assert.ok(out.error);
  });

  it('downloads once the account does not require TLS session reuse', async () => {
    auth.isTlsSessionReuseRequired = false;
    const out = await python();
    assert.equal(out.sha, sha256(big));
  });

  it('is refused again when the account requires it although the server does not', async () => {
    auth.isTlsSessionReuseRequired = true;
    t.server.updateOptions({ tlsPolicy: { requireTlsSessionReuse: false } });
    try {
      const out = await python();
      assert.equal(out.sha, undefined);
      assert.ok(out.error);
    } finally {
      t.server.updateOptions({ tlsPolicy: { requireTlsSessionReuse: true } });
    }
  });
});
