// TLS details that clients notice: the data channel ends with a close_notify alert (FileZilla and
// ftplib complain otherwise), seen here by watching TLS 1.2 record types through a TCP relay.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import tls from 'node:tls';
import { RawClient, sha256, startServer } from './testing/harness.ts';
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
