// TLS details that clients notice: the data channel ends with a close_notify alert (FileZilla and
// ftplib complain otherwise), seen here by watching TLS 1.2 record types through a TCP relay.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import tls from 'node:tls';
import { RawClient, readAll, sha256, startServer } from './testing/harness.ts';
import type { TestServer } from './testing/harness.ts';

const ALERT = 21;

/** Relays one connection to `port`, recording what the server sends. */
async function relay(port: number): Promise<{ port: number; received: Buffer[]; closed: Promise<void> }> {
  const received: Buffer[] = [];
  let markClosed!: () => void;
  const closed = new Promise<void>((resolve) => (markClosed = resolve));
  const server = net.createServer((client) => {
    const upstream = net.connect({ port, host: '127.0.0.1' });
    client.pipe(upstream);
    upstream.on('data', (chunk: Buffer) => received.push(chunk));
    upstream.pipe(client);
    upstream.on('close', () => {
      server.close();
      markClosed();
    });
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as net.AddressInfo).port, received, closed };
}

function recordTypes(stream: Buffer): number[] {
  const types: number[] = [];
  for (let offset = 0; offset + 5 <= stream.length; ) {
    types.push(stream[offset] as number);
    offset += 5 + stream.readUInt16BE(offset + 3);
  }
  return types;
}

describe('TLS data channel', () => {
  let t: TestServer;
  const small = randomBytes(1000);
  const big = randomBytes(3 * 1024 * 1024);

  before(async () => {
    t = await startServer({ options: { tlsPolicy: { requireTlsSessionReuse: false } } });
    fs.writeFileSync(path.join(t.home, 'small.bin'), small);
    fs.writeFileSync(path.join(t.home, 'big.bin'), big);
  });
  after(() => t.close());

  for (const [name, payload] of [['small.bin', small], ['big.bin', big]] as const) {
    it(`ends a protected download of ${name} with close_notify`, async () => {
      const c = await RawClient.connect(t.port);
      await c.read();
      await c.startTls();
      await c.command('USER alice');
      await c.command('PASS secret');
      await c.command('PBSZ 0');
      await c.command('PROT P');
      const proxy = await relay(await c.epsv());
      const data = tls.connect({ port: proxy.port, host: '127.0.0.1', rejectUnauthorized: false, maxVersion: 'TLSv1.2' });
      const chunks: Buffer[] = [];
      data.on('data', (chunk: Buffer) => chunks.push(chunk));
      const ended = new Promise<void>((resolve) => data.once('end', () => resolve()));
      assert.match(await c.command(`RETR ${name}`), /^150 /);
      await ended;
      assert.match(await c.read(), /^226 /);
      data.end();
      await proxy.closed;
      assert.equal(sha256(Buffer.concat(chunks)), sha256(payload));
      const types = recordTypes(Buffer.concat(proxy.received));
      assert.equal(types.at(-1), ALERT, `last records: ${types.slice(-4).join(',')}`);
      c.close();
    });
  }
});

// curl opens the data connection and sends its ClientHello right after EPSV, then stops reading
// the control connection until that handshake completes (~200 ms poll timeout per transfer).
describe('TLS data handshake before the transfer command', () => {
  let t: TestServer;
  const payload = randomBytes(200_000);

  before(async () => {
    t = await startServer({ options: { tlsPolicy: { requireTlsSessionReuse: false } } });
    fs.writeFileSync(path.join(t.home, 'file.bin'), payload);
  });
  after(() => t.close());

  async function protectedSession(): Promise<RawClient> {
    const c = await RawClient.connect(t.port);
    await c.read();
    await c.startTls();
    await c.command('USER alice');
    assert.match(await c.command('PASS secret'), /^230 /);
    await c.command('PBSZ 0');
    assert.match(await c.command('PROT P'), /^200 /);
    return c;
  }

  /** Connects and completes the data handshake without sending any transfer command. */
  async function handshakeFirst(port: number): Promise<{ raw: net.Socket; data: tls.TLSSocket }> {
    const raw = net.connect({ port, host: '127.0.0.1' });
    await new Promise((resolve) => raw.once('connect', resolve));
    const data = tls.connect({ socket: raw, rejectUnauthorized: false });
    data.on('error', () => {});
    const timer = new Promise((_, reject) => setTimeout(() => reject(new Error('data handshake waited for the transfer command')), 2000));
    await Promise.race([new Promise((resolve) => data.once('secureConnect', resolve)), timer]);
    return { raw, data };
  }

  it('completes the data handshake as soon as the connection arrives, then RETR sends the file', async () => {
    const c = await protectedSession();
    const { data } = await handshakeFirst(await c.epsv());
    const body = readAll(data);
    assert.match(await c.command('RETR file.bin'), /^150 /);
    assert.equal(sha256(await body), sha256(payload));
    assert.match(await c.read(), /^226 /);
    c.close();
  });

  it('still refuses an upload ended without close_notify when the handshake came first', async () => {
    const c = await protectedSession();
    const { raw, data } = await handshakeFirst(await c.epsv());
    assert.match(await c.command('STOR cut.bin'), /^150 /);
    data.write(randomBytes(100_000));
    await new Promise((resolve) => setTimeout(resolve, 50));
    raw.end();
    assert.match(await c.read(), /^426 .*close_notify/);
    assert.equal(fs.existsSync(path.join(t.home, 'cut.bin')), false);
    c.close();
  });

  it('refuses a transfer in clear over a connection that was protected when it arrived (PROT C after EPSV)', async () => {
    const c = await protectedSession();
    const { data } = await handshakeFirst(await c.epsv());
    assert.match(await c.command('PROT C'), /^200 /);
    const reply = await c.command('RETR file.bin');
    const final = reply.startsWith('150') ? await c.read() : reply;
    assert.match(final, /^425 /);
    data.destroy();
    c.close();
  });
});
