// GNU wget against the server: plain FTP, explicit FTPS (ftps://, resumes the TLS session on the
// data connection) and implicit FTPS (--ftps-implicit, which cannot resume: refused while the
// account requires TLS session reuse, working once the account does not).
import { describe, it, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { hasCommand, skipUnless } from '../../../../scripts/test-support.ts';
import { sha256, sha256File, startServer, tempDir } from '../testing/harness.ts';
import type { TestServer } from '../testing/harness.ts';
import { run } from '../testing/exec.ts';
import type { AuthResult, TransferStatus } from '../types.ts';

const skip = skipUnless(hasCommand('wget'), 'wget');

describe('interop: wget', { skip }, () => {
  let t: TestServer;
  let local: string;
  // Spread into every login by startServer, so a test can change what the account allows.
  const auth: Partial<AuthResult> = {};
  const payload = randomBytes(2 * 1024 * 1024 + 5);

  before(async () => {
    t = await startServer({ auth });
    local = tempDir('ftp-wget-');
    fs.writeFileSync(path.join(t.home, 'data.bin'), payload);
    fs.mkdirSync(path.join(t.home, 'dir'));
    fs.writeFileSync(path.join(t.home, 'dir', 'a.txt'), 'alpha');
    fs.writeFileSync(path.join(t.home, 'dir', 'b.txt'), 'beta');
  });
  after(async () => {
    await t.close();
    fs.rmSync(local, { recursive: true, force: true });
  });
  beforeEach(() => {
    delete auth.isTlsSessionReuseRequired;
  });

  // --tries=1: wget retries a failed transfer 20 times by default.
  const wget = (args: string[]) =>
    run('wget', ['--tries=1', '--timeout=20', '--no-check-certificate', '--user=alice', '--password=secret', ...args], { timeoutMs: 60_000 });

  it('downloads a file and a directory recursively over plain FTP (PASV, LIST)', async () => {
    const out = path.join(local, 'plain.bin');
    let r = await wget(['-O', out, `ftp://127.0.0.1:${t.port}/data.bin`]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(sha256File(out), sha256(payload));
    const tree = path.join(local, 'tree');
    r = await wget(['-r', '-nH', '-P', tree, `ftp://127.0.0.1:${t.port}/dir/`]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(fs.readFileSync(path.join(tree, 'dir', 'a.txt'), 'utf8'), 'alpha');
    assert.equal(fs.readFileSync(path.join(tree, 'dir', 'b.txt'), 'utf8'), 'beta');
  });

  it('downloads over explicit FTPS (AUTH TLS, PROT P, resumed TLS session) with the default policy', async () => {
    const out = path.join(local, 'explicit.bin');
    const r = await wget(['-O', out, `ftps://127.0.0.1:${t.port}/data.bin`]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /PROT P \.\.\. done/);
    assert.equal(sha256File(out), sha256(payload));
  });

  it('is refused over implicit FTPS while the account requires TLS session reuse (wget cannot resume there)', async () => {
    const statuses: TransferStatus[] = [];
    const onEnd = (e: { status: TransferStatus }): void => void statuses.push(e.status);
    t.server.on('transfer:end', onEnd);
    try {
      const out = path.join(local, 'implicit-refused.bin');
      const r = await wget(['--ftps-implicit', '-O', out, `ftps://127.0.0.1:${t.implicitPort}/data.bin`]);
      assert.notEqual(r.code, 0, r.stderr);
      assert.notEqual(fs.existsSync(out) ? sha256File(out) : '', sha256(payload));
      assert.deepEqual(statuses, ['FAILED']);
    } finally {
      t.server.off('transfer:end', onEnd);
    }
  });

  it('downloads over implicit FTPS once the account does not require TLS session reuse', async () => {
    auth.isTlsSessionReuseRequired = false;
    const out = path.join(local, 'implicit.bin');
    const r = await wget(['--ftps-implicit', '-O', out, `ftps://127.0.0.1:${t.implicitPort}/data.bin`]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(sha256File(out), sha256(payload));
  });
});
