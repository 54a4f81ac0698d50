import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PanelEvent } from '@/lib/types.ts';
import { applySessionEvent } from './live-sessions.ts';

const at = '2026-11-21T10:00:01.000Z';
const idle: Extract<PanelEvent, { type: 'session.opened' }>['session'] = {
  id: 's1',
  accountId: 'a1',
  username: 'alice',
  remoteIp: '192.0.2.7',
  connectedAt: '2026-11-21T10:00:00.000Z',
  isTls: false,
  lastCommand: 'RETR',
  transfer: null,
};

test('a started transfer shows its size at once; progress keeps it; completion clears it', () => {
  let sessions = applySessionEvent([idle], {
    type: 'transfer.started', at, accountId: 'a1', remoteIp: '192.0.2.7', sessionId: 's1', username: 'alice', direction: 'DOWNLOAD', path: '/a.iso', startedAt: '2026-11-21T10:00:01.000Z', size: 4096,
  });
  assert.equal(sessions[0]?.transfer?.size, 4096);
  assert.equal(sessions[0]?.transfer?.bytes, 0);
  sessions = applySessionEvent(sessions, {
    type: 'transfer.progress', at, accountId: 'a1', sessionId: 's1', username: 'alice', direction: 'DOWNLOAD', path: '/a.iso', bytes: 1024, bytesPerSecond: 512,
  });
  assert.equal(sessions[0]?.transfer?.size, 4096, 'a progress tick without size keeps the known size');
  assert.equal(sessions[0]?.transfer?.bytes, 1024);
  sessions = applySessionEvent(sessions, { type: 'transfer.completed', sessionId: 's1' } as never);
  assert.equal(sessions[0]?.transfer, null);
});

test('sessions open and close', () => {
  const opened = applySessionEvent([], { type: 'session.opened', at, session: idle });
  assert.deepEqual(opened, [idle]);
  assert.deepEqual(applySessionEvent(opened, { type: 'session.closed', at, session: idle }), []);
});
