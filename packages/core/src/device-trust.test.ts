// The known-device token: bound to a kind and an id, signed with the key under DATA_DIR, refused
// when altered, signed with another key, of another kind, or older than DEVICE_TRUST_MS.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEVICE_TRUST_MS, issueDeviceToken, loadDeviceKey, verifyDeviceToken } from './device-trust.ts';

test('the key is made once at first use, 0600, and read back the same', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'device-key-'));
  const key = loadDeviceKey(dir);
  const file = path.join(dir, 'device-key');
  assert.equal(statSync(file).mode & 0o777, 0o600);
  assert.equal(readFileSync(file, 'utf8').trim(), key.toString('hex'));
  assert.equal(loadDeviceKey(dir), key);
});

test('a token verifies only untouched, with its key, for its kind, within its lifetime', () => {
  const key = loadDeviceKey(mkdtempSync(path.join(tmpdir(), 'device-key-')));
  const otherKey = loadDeviceKey(mkdtempSync(path.join(tmpdir(), 'device-key-')));
  const now = new Date('2026-06-01T00:00:00Z');
  const token = issueDeviceToken(key, 'admin', 'admin-id-1', now);
  assert.equal(verifyDeviceToken(key, token, 'admin', now), 'admin-id-1');
  assert.equal(verifyDeviceToken(key, token, 'customer', now), null);
  assert.equal(verifyDeviceToken(otherKey, token, 'admin', now), null);
  assert.equal(verifyDeviceToken(key, token.replace('admin-id-1', 'admin-id-2'), 'admin', now), null);
  assert.equal(verifyDeviceToken(key, `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`, 'admin', now), null);
  assert.equal(verifyDeviceToken(key, 'garbage', 'admin', now), null);
  assert.equal(verifyDeviceToken(key, token, 'admin', new Date(now.getTime() + DEVICE_TRUST_MS - 1000)), 'admin-id-1');
  assert.equal(verifyDeviceToken(key, token, 'admin', new Date(now.getTime() + DEVICE_TRUST_MS + 1000)), null);
});
