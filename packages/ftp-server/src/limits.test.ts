// Limits, timeouts, TLS policy, passive settings and server administration.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import tls from 'node:tls';
import { BandwidthBucket } from './throttle.ts';
import { FtpError } from './types.ts';
import { connectData, RawClient, readAll, startServer, tempDir } from './testing/harness.ts';
import type { TestServer } from './testing/harness.ts';

async function withServer(input: Parameters<typeof startServer>[0], fn: (t: TestServer) => Promise<void>): Promise<void> {
  const t = await startServer(input);
  try {
    await fn(t);
  } finally {
    await t.close();
  }
}

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as net.AddressInfo;
  await new Promise((resolve) => s.close(resolve));
  return port;
}

describe('limits and administration', () => {
  it('caps sessions globally and per IP with 421', async () => {
    await withServer({ options: { maxSessions: 3, maxSessionsPerIp: 2 }, isTls: false }, async (t) => {
      // Logged in, so that none of them gives way to a newcomer (pre-login sessions would).
      const a = await RawClient.connect(t.port);
      await a.login();
      const b = await RawClient.connect(t.port);
      await b.login();
      const c = await RawClient.connect(t.port);
      assert.match(await c.read(), /^421 .*your address/);
      const d = await RawClient.connect(t.port, '127.0.0.1', '127.0.0.2');
      await d.login();
      const e = await RawClient.connect(t.port, '127.0.0.1', '127.0.0.3');
      assert.match(await e.read(), /^421 Too many connections/);
      for (const x of [a, b, c, d, e]) x.close();
    });
  });

  it('lets onConnect refuse a connection with its own 421', async () => {
    const hooks = {
      onConnect() {
        throw new FtpError(421, 'Your address is banned.');
      },
      async authenticate(): Promise<never> {
        throw new FtpError(530, 'no');
      },
    };
    await withServer({ options: { hooks }, isTls: false }, async (t) => {
      const events: string[] = [];
      t.server.on('session:open', () => events.push('open'));
      t.server.on('session:close', () => events.push('close'));
      const c = await RawClient.connect(t.port);
      assert.match(await c.read(), /^421 Your address is banned\./);
      await c.closed;
      assert.deepEqual(events, []);
      assert.equal([...t.server.sessions].length, 0);
    });
  });

  it('closes idle sessions with 421', async () => {
    await withServer({ options: { idleTimeoutMs: 200 }, isTls: false }, async (t) => {
      const c = await RawClient.connect(t.port);
      await c.login();
      assert.match(await c.read(1500), /^421 Idle timeout/);
      await c.closed;
    });
  });

  it('delays failed logins and disconnects after the limit; USER never reveals accounts', async () => {
    await withServer({ options: { maxLoginFailures: 2, failedLoginDelayMs: 150 }, isTls: false }, async (t) => {
      const c = await RawClient.connect(t.port);
      await c.read();
      assert.match(await c.command('USER ghost'), /^331 /);
      const started = Date.now();
      assert.match(await c.command('PASS x'), /^530 /);
      assert.ok(Date.now() - started >= 140);
      assert.match(await c.command('PASS again'), /^503 /);
      await c.command('USER alice');
      assert.match(await c.command('PASS wrong'), /^530 /);
      assert.match(await c.read(), /^421 /);
      await c.closed;
    });
  });

  it('runs at most maxConcurrentLogins authenticate() calls at once', async () => {
    let running = 0;
    let peak = 0;
    const home = tempDir();
    const hooks = {
      async authenticate() {
        running++;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, 30));
        running--;
        return { accountId: 'x', home, permissions: new Set<never>() };
      },
    };
    try {
      await withServer({ options: { hooks, maxConcurrentLogins: 2 }, isTls: false }, async (t) => {
        const clients = await Promise.all(Array.from({ length: 6 }, () => RawClient.connect(t.port)));
        await Promise.all(clients.map((c) => c.login('u', 'p')));
        assert.equal(peak, 2);
        for (const c of clients) c.close();
      });
    } finally {
      fs.rmSync(home, { recursive: true, force: true });
    }
  });

  it('disconnects after too many unknown commands', async () => {
    await withServer({ options: { maxUnknownCommands: 2 }, isTls: false }, async (t) => {
      const c = await RawClient.connect(t.port);
      await c.read();
      for (let i = 0; i < 3; i++) assert.match(await c.command('BOGUS'), /^500 /);
      assert.match(await c.read(), /^421 /);
      await c.closed;
    });
  });

  it('lists live sessions without secrets, kicks one, and swaps the banner live', async () => {
    const logged: string[] = [];
    const capture = (fields: Record<string, unknown>, msg?: string): void => void logged.push(`${msg ?? ''} ${JSON.stringify(fields)}`);
    const logger = { info: capture, warn: capture, error: capture, debug: capture };
    await withServer({ isTls: false, options: { logger } }, async (t) => {
      const c = await RawClient.connect(t.port);
      await c.login();
      const [info] = [...t.server.sessions];
      assert.ok(info);
      assert.equal(info.username, 'alice');
      assert.equal(info.lastCommand, 'PASS');
      assert.ok(!JSON.stringify(info).includes('secret'));
      t.server.updateOptions({ banner: 'Fresh banner' });
      const other = await RawClient.connect(t.port);
      assert.match(await other.read(), /^220 Fresh banner/);
      assert.equal(t.server.kick(info.id, 'Bye now'), true);
      assert.match(await c.read(), /^421 Bye now/);
      await c.closed;
      other.close();
      assert.ok(logged.some((line) => line.includes('"verb":"PASS"')), 'commands are logged');
      assert.ok(logged.every((line) => !line.includes('secret')), 'the password never reaches the logger');
      assert.ok(logged.every((line) => /"session":"[\w-]+"/.test(line)), 'every line carries the session id');
    });
  });

  it('closes gracefully: a running transfer gets the deadline, then 421', async () => {
    const bucket = new BandwidthBucket(100_000);
    const t = await startServer({ isTls: false, auth: { bandwidth: { download: bucket } } });
    fs.writeFileSync(path.join(t.home, 'big.bin'), Buffer.alloc(2_000_000));
    const c = await RawClient.connect(t.port);
    await c.login();
    const idle = await RawClient.connect(t.port);
    await idle.login();
    const data = await connectData(await c.epsv());
    data.resume();
    assert.match(await c.command('RETR big.bin'), /^150 /);
    const started = Date.now();
    await t.close();
    assert.match(await idle.read(), /^421 /);
    const replies = [await c.read(), await c.read()];
    assert.match(replies.join(''), /426[\s\S]*421|421[\s\S]*426/);
    assert.ok(Date.now() - started >= 150);
    await assert.rejects(RawClient.connect(t.port), /ECONNREFUSED/);
  });

  it('enforces TLS before login and PROT P by policy', async () => {
    await withServer({ options: { tlsPolicy: { isLoginTlsRequired: true, isProtPRequired: true } } }, async (t) => {
      const c = await RawClient.connect(t.port);
      await c.read();
      assert.match(await c.command('FEAT'), /^211-/);
      assert.match(await c.command('USER alice'), /^530 .*TLS/);
      await c.startTls();
      await c.command('USER alice');
      assert.match(await c.command('PASS secret'), /^230 /);
      assert.match(await c.command('PBSZ 0'), /^200 /);
      assert.match(await c.command('PROT C'), /^534 /);
      assert.match(await c.command('LIST'), /^521 /);
      c.close();
    });
  });

  it('honours an account that requires TLS', async () => {
    await withServer({ auth: { isTlsRequired: true } }, async (t) => {
      const clear = await RawClient.connect(t.port);
      await clear.read();
      await clear.command('USER alice');
      assert.match(await clear.command('PASS secret'), /^530 .*TLS/);
      clear.close();
      const secure = await RawClient.connect(t.port);
      await secure.read();
      await secure.startTls();
      await secure.command('USER alice');
      assert.match(await secure.command('PASS secret'), /^230 /);
      secure.close();
    });
  });

  it('picks passive ports inside the range and answers 425 when it is exhausted', async () => {
    const port = await freePort();
    await withServer({ options: { passive: { portMin: port, portMax: port } }, isTls: false }, async (t) => {
      const a = await RawClient.connect(t.port);
      await a.login();
      assert.equal(await a.epsv(), port);
      const b = await RawClient.connect(t.port);
      await b.login();
      assert.match(await b.command('EPSV'), /^425 /);
      assert.match(await b.command('PASV'), /^425 /);
      a.close();
      b.close();
    });
    const min = await freePort();
    await withServer({ options: { passive: { portMin: min, portMax: Math.min(min + 20, 65535) } }, isTls: false }, async (t) => {
      const c = await RawClient.connect(t.port);
      await c.login();
      const seen = new Set<number>();
      for (let i = 0; i < 8; i++) {
        const reply = await c.command('PASV');
        const m = /\((\d+),(\d+),(\d+),(\d+),(\d+),(\d+)\)/.exec(reply);
        assert.ok(m, reply);
        const p = Number(m[5]) * 256 + Number(m[6]);
        assert.ok(p >= min && p <= min + 20, `port ${p} outside range`);
        seen.add(p);
      }
      assert.ok(seen.size > 1, 'ports should vary');
      c.close();
    });
  });

  it('advertises per-network passive addresses (IPv4, IPv6 CIDRs, hostnames), live-updatable', async () => {
    await withServer(
      { options: { passive: { advertisedHost: '203.0.113.9', overrides: [{ cidr: '127.0.0.0/8', host: '192.168.1.5' }] } }, isTls: false },
      async (t) => {
        const c = await RawClient.connect(t.port);
        await c.login();
        assert.match(await c.command('PASV'), /\(192,168,1,5,\d+,\d+\)/);
        t.server.updateOptions({ passive: { overrides: [{ cidr: '10.0.0.0/8', host: '10.0.0.1' }] } });
        assert.match(await c.command('PASV'), /\(203,0,113,9,\d+,\d+\)/);
        t.server.updateOptions({ passive: { advertisedHost: 'localhost', overrides: [] } });
        assert.match(await c.command('PASV'), /\(127,0,0,1,\d+,\d+\)/);
        c.close();
      },
    );
    await withServer({ host: '::1', options: { passive: { overrides: [{ cidr: '::1/128', host: '192.168.7.7' }] } }, isTls: false }, async (t) => {
      const c = await RawClient.connect(t.port, '::1');
      await c.login();
      assert.match(await c.command('PASV'), /\(192,168,7,7,\d+,\d+\)/);
      assert.match(await c.command('EPSV'), /^229 /);
      c.close();
    });
  });

  it('can switch active mode off, and times out data connections', async () => {
    await withServer({ options: { isActiveModeAllowed: false, dataTimeoutMs: 200 }, isTls: false }, async (t) => {
      fs.writeFileSync(path.join(t.home, 'f.txt'), 'x');
      const c = await RawClient.connect(t.port);
      await c.login();
      assert.match(await c.command('PORT 127,0,0,1,40,1'), /^502 /);
      assert.match(await c.command('EPRT |1|127.0.0.1|10241|'), /^502 /);
      await c.epsv();
      assert.match(await c.command('RETR f.txt'), /^150 /);
      assert.match(await c.read(2000), /^425 /);
      c.close();
    });
  });

  it('keeps a partial upload under its real name only when keepPartialUploads is set', async () => {
    for (const keepPartialUploads of [false, true]) {
      await withServer({ options: { keepPartialUploads }, isTls: false }, async (t) => {
        const c = await RawClient.connect(t.port);
        await c.login();
        const data = await connectData(await c.epsv());
        assert.match(await c.command('STOR partial.bin'), /^150 /);
        data.write(Buffer.alloc(70_000, 1));
        await new Promise((r) => setTimeout(r, 100));
        data.resetAndDestroy();
        assert.match(await c.read(), /^426 /);
        const names = fs.readdirSync(t.home);
        assert.deepEqual(names, keepPartialUploads ? ['partial.bin'] : []);
        if (keepPartialUploads) assert.ok(fs.statSync(path.join(t.home, 'partial.bin')).size > 0);
        c.close();
      });
    }
  });

  it('bounds listings', async () => {
    await withServer({ options: { maxListEntries: 5 }, isTls: false }, async (t) => {
      for (let i = 0; i < 10; i++) fs.writeFileSync(path.join(t.home, `f${i}`), '');
      const c = await RawClient.connect(t.port);
      await c.login();
      const data = await connectData(await c.epsv());
      const received = readAll(data);
      await c.command('NLST');
      assert.equal((await received).toString().trim().split('\r\n').length, 5);
      assert.match(await c.read(), /^226 .*truncated/);
      c.close();
    });
  });

  it('swaps the TLS certificate at runtime for new connections', async () => {
    const dir = tempDir('ftp-cert2-');
    try {
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=rotated', '-days', '2', '-keyout', path.join(dir, 'k.pem'), '-out', path.join(dir, 'c.pem')], { stdio: 'ignore' });
      await withServer({}, async (t) => {
        const subject = async (): Promise<string> => {
          const socket = tls.connect({ port: t.implicitPort, host: '127.0.0.1', rejectUnauthorized: false });
          await new Promise<void>((resolve) => socket.once('secureConnect', () => resolve()));
          const cn = socket.getPeerCertificate().subject.CN ?? '';
          socket.destroy();
          return String(cn);
        };
        assert.equal(await subject(), 'localhost');
        t.server.setTlsCredentials({ cert: fs.readFileSync(path.join(dir, 'c.pem')), key: fs.readFileSync(path.join(dir, 'k.pem')) });
        assert.equal(await subject(), 'rotated');
        assert.throws(() => t.server.setTlsCredentials({ cert: 'nope', key: 'nope' }));
      });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
