// The sessions list serialises every field of a live transfer, including its total size (the
// response schema would silently drop an undeclared field).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { LiveSession } from '@ftp-panel/core';
import { as, createTestApp, seedAdmin, signIn, type TestApp } from '../test-support.ts';

const LIVE: LiveSession = {
  id: 'sess1',
  accountId: 'acc1',
  username: 'alice',
  remoteIp: '192.0.2.7',
  connectedAt: '2026-11-21T10:00:00.000Z',
  isTls: true,
  lastCommand: 'RETR',
  transfer: { direction: 'DOWNLOAD', path: '/big.iso', bytes: 1024, bytesPerSecond: 512, startedAt: '2026-11-21T10:00:01.000Z', size: 4096 },
};

describe('GET /api/v1/sessions', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp('sqlite', {
      ctx: { ftp: { sessions: () => [LIVE], kick: () => false, kickAccount: () => 0 } as never },
    });
  });
  after(async () => t?.close());

  test('a live transfer keeps its size, bytes and speed', async () => {
    await seedAdmin(t, 'watcher', 'SUPPORT');
    const res = await as(t.app, await signIn(t.app, 'watcher'), { method: 'GET', url: '/api/v1/sessions' });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), [LIVE]);
  });
});
