// Quota hooks: reservation per chunk, exactly-once end(), removal accounting, ALLO pre-check.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { FtpError } from './types.ts';
import type { QuotaHandler } from './types.ts';
import { connectData, RawClient, startServer } from './testing/harness.ts';
import type { TestServer } from './testing/harness.ts';

type EndRecord = { isCommitted: boolean; bytesWritten: number; finalSize: number; replacedSize: number; isNewFile: boolean };

describe('quota hook', () => {
  let t: TestServer;
  let limit = 300_000;
  let used = 0;
  const ends: EndRecord[] = [];
  const opens: unknown[] = [];
  const removed: unknown[] = [];
  const quota: QuotaHandler = {
    async openUpload(input) {
      opens.push(input);
      if (used >= limit) throw new FtpError(552, 'Quota full.');
      let taken = 0;
      return {
        take(bytes) {
          if (used + taken + bytes > limit) return false;
          taken += bytes;
          return true;
        },
        end(result) {
          ends.push(result);
          if (result.isCommitted) used += result.finalSize - result.replacedSize;
        },
      };
    },
    onRemoved(input) {
      removed.push(input);
      used -= input.bytes;
    },
    async checkAllocation(bytes) {
      if (used + bytes > limit) throw new FtpError(552, 'Not enough space for that.');
    },
  };

  before(async () => {
    t = await startServer({ isTls: false, auth: { quota } });
  });
  after(() => t.close());

  async function store(c: RawClient, command: string, payload: Buffer): Promise<string[]> {
    const data = await connectData(await c.epsv());
    data.on('error', () => {});
    const first = await c.command(command);
    if (!first.startsWith('150')) return [first];
    data.end(payload);
    return [first, await c.read()];
  }

  it('stops an over-quota upload with 552 and leaves no file, no temp file', async () => {
    const c = await RawClient.connect(t.port);
    await c.login();
    const replies = await store(c, 'STOR big.bin', randomBytes(1_000_000));
    assert.match(replies[1] ?? '', /^552 /);
    assert.deepEqual(fs.readdirSync(t.home), []);
    assert.equal(ends.length, 1);
    assert.equal(ends[0]?.isCommitted, false);
    assert.ok((ends[0]?.bytesWritten ?? 0) <= limit);
    c.close();
  });

  it('commits within quota, reports sizes, and accounts removals and overwrites', async () => {
    ends.length = 0;
    const c = await RawClient.connect(t.port);
    await c.login();
    assert.match((await store(c, 'STOR a.bin', randomBytes(100_000)))[1] ?? '', /^226 /);
    assert.deepEqual(ends.at(-1), { isCommitted: true, bytesWritten: 100_000, finalSize: 100_000, replacedSize: 0, isNewFile: true });
    assert.match((await store(c, 'STOR a.bin', randomBytes(50_000)))[1] ?? '', /^226 /);
    assert.deepEqual(ends.at(-1), { isCommitted: true, bytesWritten: 50_000, finalSize: 50_000, replacedSize: 100_000, isNewFile: false });
    assert.match((await store(c, 'APPE a.bin', randomBytes(10_000)))[1] ?? '', /^226 /);
    assert.deepEqual(opens.at(-1), { path: '/a.bin', previousSize: 50_000, isNewFile: false, offset: 50_000 });
    assert.deepEqual(ends.at(-1), { isCommitted: true, bytesWritten: 10_000, finalSize: 60_000, replacedSize: 50_000, isNewFile: false });
    assert.equal(used, 60_000);
    assert.match((await store(c, 'STOR b.bin', randomBytes(1000)))[1] ?? '', /^226 /);
    await c.command('RNFR b.bin');
    assert.match(await c.command('RNTO a.bin'), /^250 /);
    assert.deepEqual(removed.at(-1), { path: '/a.bin', bytes: 60_000, files: 1 });
    assert.match(await c.command('DELE a.bin'), /^250 /);
    assert.deepEqual(removed.at(-1), { path: '/a.bin', bytes: 1000, files: 1 });
    assert.equal(used, 0);
    assert.equal(ends.length, 4);
    c.close();
  });

  it('refuses before the transfer when the hook says full, and pre-checks ALLO', async () => {
    const c = await RawClient.connect(t.port);
    await c.login();
    assert.match(await c.command('ALLO 10000000'), /^552 Not enough space/);
    assert.match(await c.command('ALLO 1000'), /^202 /);
    limit = 0;
    try {
      assert.match((await store(c, 'STOR c.bin', Buffer.from('x')))[0] ?? '', /^552 Quota full/);
    } finally {
      limit = 300_000;
    }
    assert.ok(!fs.existsSync(path.join(t.home, 'c.bin')));
    c.close();
  });
});
