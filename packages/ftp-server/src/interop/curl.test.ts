// curl against the server: EPSV and PASV, explicit and implicit TLS, resume, upload, active mode.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { hasCommand, skipUnless } from '../../../../scripts/test-support.ts';
import { sha256, sha256File, startServer, tempDir } from '../testing/harness.ts';
import type { TestServer } from '../testing/harness.ts';
import { run } from '../testing/exec.ts';

const skip = skipUnless(hasCommand('curl'), 'curl');

describe('interop: curl', { skip }, () => {
  let t: TestServer;
  let local: string;
  const payload = randomBytes(3 * 1024 * 1024 + 17);

  before(async () => {
    t = await startServer();
    local = tempDir('ftp-curl-');
    fs.writeFileSync(path.join(t.home, 'data.bin'), payload);
  });
  after(async () => {
    await t.close();
    fs.rmSync(local, { recursive: true, force: true });
  });

  const url = (p = '', scheme = 'ftp', port?: number): string => `${scheme}://127.0.0.1:${port ?? t.port}/${p}`;
  const curl = (args: string[]) => run('curl', ['-sS', '--user', 'alice:secret', '--max-time', '30', ...args]);

  it('lists with EPSV', async () => {
    const r = await curl([url()]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^-rw.* ftp +ftp +3145745 .* data\.bin\r?$/m);
  });

  it('downloads with PASV (--disable-epsv)', async () => {
    const out = path.join(local, 'pasv.bin');
    const r = await curl(['--disable-epsv', '-o', out, url('data.bin')]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(sha256File(out), sha256(payload));
  });

  it('downloads over explicit TLS (--ssl-reqd) and implicit TLS (ftps://)', async () => {
    const explicit = path.join(local, 'explicit.bin');
    let r = await curl(['--ssl-reqd', '-k', '-o', explicit, url('data.bin')]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(sha256File(explicit), sha256(payload));
    const implicit = path.join(local, 'implicit.bin');
    r = await curl(['-k', '-o', implicit, url('data.bin', 'ftps', t.implicitPort)]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(sha256File(implicit), sha256(payload));
  });

  it('resumes a download (-C -)', async () => {
    const out = path.join(local, 'resume.bin');
    fs.writeFileSync(out, payload.subarray(0, 1_000_000));
    const r = await curl(['-C', '-', '-o', out, url('data.bin')]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(sha256File(out), sha256(payload));
  });

  it('uploads (-T) in clear and over TLS, and resumes an upload', async () => {
    const src = path.join(local, 'up.bin');
    fs.writeFileSync(src, payload);
    let r = await curl(['-T', src, url('up-clear.bin')]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(sha256File(path.join(t.home, 'up-clear.bin')), sha256(payload));
    r = await curl(['--ssl-reqd', '-k', '-T', src, url('up-tls.bin')]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(sha256File(path.join(t.home, 'up-tls.bin')), sha256(payload));
    fs.writeFileSync(path.join(t.home, 'up-resume.bin'), payload.subarray(0, 2_000_000));
    r = await curl(['-C', '-', '-T', src, url('up-resume.bin')]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(sha256File(path.join(t.home, 'up-resume.bin')), sha256(payload));
  });

  it('downloads in active mode (--ftp-port 127.0.0.1)', async () => {
    const out = path.join(local, 'active.bin');
    const r = await curl(['--ftp-port', '127.0.0.1', '-o', out, url('data.bin')]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(sha256File(out), sha256(payload));
  });
});
