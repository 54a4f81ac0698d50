// The login outcome travels with the login: what the authenticate hook decided (result, reason,
// account) reaches the host in the login:ok / login:failed events, with no side table. Also the
// RFC 4217 order PBSZ before PROT, and the guards of STAT <path> and SITE CHMOD (run by dispatch).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ALL_PERMISSIONS, RawClient, startServer, tempDir } from './testing/harness.ts';
import type { TestServer } from './testing/harness.ts';
import { FtpError, LoginRefusal } from './types.ts';
import type { FtpServerEvents, Permission } from './types.ts';

type LoginEvent = FtpServerEvents['login:ok'][0] | FtpServerEvents['login:failed'][0];

describe('login outcome in the login events', () => {
  let t: TestServer;
  const home = tempDir('ftp-outcome-');
  const readOnly: ReadonlySet<Permission> = new Set(['read']);

  before(async () => {
    fs.writeFileSync(path.join(home, 'f.txt'), 'x');
    t = await startServer({
      options: {
        hooks: {
          async authenticate({ username, password }) {
            if (username === 'ghost') throw new LoginRefusal(530, 'Login incorrect.', { result: 'FAILED', reason: 'unknown user', accountId: null });
            if (username === 'off') throw new LoginRefusal(530, 'Login incorrect.', { result: 'DENIED', reason: 'account disabled', accountId: 'acc-off' });
            if (username === 'plain') throw new FtpError(530, 'Nope.');
            if (username === 'broken') throw new Error('database on fire');
            if (username === 'tlsonly') return { accountId: 'acc-tls', home, permissions: ALL_PERMISSIONS, isTlsRequired: true };
            if (username === 'reader' && password === 'pw') return { accountId: 'acc-r', home, permissions: readOnly };
            if (password !== 'pw') throw new LoginRefusal(530, 'Login incorrect.', { result: 'FAILED', reason: 'wrong password', accountId: `acc-${username}` });
            return { accountId: `acc-${username}`, home, permissions: ALL_PERMISSIONS };
          },
        },
      },
    });
  });
  after(async () => {
    await t.close();
    fs.rmSync(home, { recursive: true, force: true });
  });

  /** Logs in on a fresh connection and returns the login event of that session. */
  async function attempt(username: string, password: string): Promise<{ name: string; event: LoginEvent; reply: string }> {
    const seen: { name: string; event: LoginEvent }[] = [];
    const onOk = (event: LoginEvent): number => seen.push({ name: 'login:ok', event });
    const onFailed = (event: LoginEvent): number => seen.push({ name: 'login:failed', event });
    t.server.on('login:ok', onOk);
    t.server.on('login:failed', onFailed);
    const c = await RawClient.connect(t.port);
    try {
      await c.read();
      await c.command(`USER ${username}`);
      const reply = await c.command(`PASS ${password}`);
      const localPort = c.socket.localPort;
      const mine = seen.filter((s) => s.event.session.remotePort === localPort);
      assert.equal(mine.length, 1);
      return { ...mine[0]!, reply };
    } finally {
      t.server.off('login:ok', onOk);
      t.server.off('login:failed', onFailed);
      c.socket.destroy();
    }
  }

  it('carries the reason, result and account the hook refused with', async () => {
    const wrong = await attempt('bob', 'nope');
    assert.equal(wrong.name, 'login:failed');
    assert.match(wrong.reply, /^530 Login incorrect\./);
    assert.deepEqual((wrong.event as FtpServerEvents['login:failed'][0]).outcome, { result: 'FAILED', reason: 'wrong password', accountId: 'acc-bob' });
    assert.equal((wrong.event as FtpServerEvents['login:failed'][0]).reason, 'wrong password');

    const ghost = await attempt('ghost', 'pw');
    assert.deepEqual((ghost.event as FtpServerEvents['login:failed'][0]).outcome, { result: 'FAILED', reason: 'unknown user', accountId: null });
    const off = await attempt('off', 'pw');
    assert.deepEqual((off.event as FtpServerEvents['login:failed'][0]).outcome, { result: 'DENIED', reason: 'account disabled', accountId: 'acc-off' });
  });

  it('describes other refusals as DENIED: a plain FtpError, a hook that threw, an account the engine refuses after the hook', async () => {
    const plain = await attempt('plain', 'pw');
    assert.match(plain.reply, /^530 Nope\./);
    assert.deepEqual((plain.event as FtpServerEvents['login:failed'][0]).outcome, { result: 'DENIED', reason: 'Nope.', accountId: null });
    const broken = await attempt('broken', 'pw');
    assert.match(broken.reply, /^530 Login incorrect\./);
    assert.deepEqual((broken.event as FtpServerEvents['login:failed'][0]).outcome, { result: 'DENIED', reason: 'authenticate hook failed', accountId: null });
    // The hook accepted, the engine refused (TLS required on a clear connection): the account is named.
    const tlsOnly = await attempt('tlsonly', 'pw');
    assert.match(tlsOnly.reply, /^530 This account requires TLS/);
    assert.deepEqual((tlsOnly.event as FtpServerEvents['login:failed'][0]).outcome, { result: 'DENIED', reason: 'TLS required', accountId: 'acc-tls' });
  });

  it('carries the account on success', async () => {
    const ok = await attempt('carol', 'pw');
    assert.equal(ok.name, 'login:ok');
    assert.match(ok.reply, /^230 /);
    assert.deepEqual((ok.event as FtpServerEvents['login:ok'][0]).outcome, { result: 'OK', reason: 'ok', accountId: 'acc-carol' });
  });

  it('guards STAT <path> and SITE CHMOD in dispatch: login and permission first, bare STAT and SITE HELP stay open', async () => {
    const c = await RawClient.connect(t.port);
    try {
      await c.read();
      assert.match(await c.command('STAT'), /^211-/);
      assert.match(await c.command('STAT f.txt'), /^530 /);
      await c.command('USER reader');
      assert.match(await c.command('PASS pw'), /^230 /);
      assert.match(await c.command('STAT f.txt'), /^550 Permission denied\./);
      assert.match(await c.command('SITE HELP'), /^214 /);
      assert.match(await c.command('SITE FOO'), /^504 /);
      assert.match(await c.command('SITE CHMOD 644 f.txt'), /^550 Permission denied\./);
      assert.match(await c.command('site chmod 644 f.txt'), /^550 Permission denied\./);
    } finally {
      c.socket.destroy();
    }
  });
});

describe('PBSZ before PROT (RFC 4217)', () => {
  let t: TestServer;
  before(async () => {
    t = await startServer();
  });
  after(() => t.close());

  it('refuses PROT with 503 until PBSZ was accepted', async () => {
    const c = await RawClient.connect(t.port);
    try {
      await c.read();
      await c.startTls();
      assert.match(await c.command('PROT P'), /^503 PBSZ must come before PROT\./);
      assert.match(await c.command('PROT C'), /^503 /);
      assert.match(await c.command('PBSZ 0'), /^200 PBSZ=0/);
      assert.match(await c.command('PROT P'), /^200 /);
      assert.match(await c.command('PROT C'), /^200 /);
    } finally {
      c.socket.destroy();
    }
  });
});
