import { test } from 'node:test';
import assert from 'node:assert/strict';
import { auditChangeLines } from './audit-changes.ts';

test('an update lists each changed field, old → new, in units people read', () => {
  assert.deepEqual(auditChangeLines({ quotaBytes: 1073741824, status: 'ACTIVE' }, { quotaBytes: 2147483648, status: 'DISABLED' }), [
    { field: 'quotaBytes', before: '1.00 GiB', after: '2.00 GiB' },
    { field: 'status', before: 'ACTIVE', after: 'DISABLED' },
  ]);
});

test('an older entry with whole snapshots shows only what changed (bookkeeping ignored)', () => {
  const before = { username: 'bob', quotaBytes: 0, permissions: ['read'], version: 1, updatedAt: 'x' };
  const after = { username: 'bob', quotaBytes: 0, permissions: ['read', 'write'], version: 2, updatedAt: 'y' };
  assert.deepEqual(auditChangeLines(before, after), [{ field: 'permissions', before: 'read', after: 'read, write' }]);
});

test('a creation lists the new values; a deletion the old ones; nothing for no values', () => {
  assert.deepEqual(auditChangeLines(null, { url: 'https://h.example', isActive: true }), [
    { field: 'url', after: 'https://h.example' },
    { field: 'isActive', after: 'yes' },
  ]);
  assert.deepEqual(auditChangeLines({ quotaBytes: 0 }, null), [{ field: 'quotaBytes', before: 'unlimited' }]);
  assert.deepEqual(auditChangeLines(null, null), []);
});
