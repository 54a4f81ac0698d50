import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { testProviders } from '@ftp-panel/db/testing';
import { formatAuthFailureLine, formatXferlogLine } from './op-logs.ts';
import { bytes, replyCode, startHarness, upload } from './test-helpers.ts';

// The failregex of FAIL2BAN.md with fail2ban's <HOST> expanded as fail2ban does (simplified).
const FAIL2BAN_REGEX = /ftp-panel auth failure: user=\S* ip=(?:::f{4,6}:)?(?<host>[\w\-.^_:]*\w) session=\S+$/;

test('xferlog lines follow the wu-ftpd format', () => {
  const line = formatXferlogLine({
    endedAt: new Date(2026, 10, 21, 9, 5, 3),
    durationMs: 2400,
    remoteIp: '203.0.113.9',
    bytes: 1234,
    path: '/dir/my file.txt',
    direction: 'UPLOAD',
    username: 'alice',
    isComplete: true,
  });
  assert.equal(line, 'Sat Nov 21 09:05:03 2026 2 203.0.113.9 1234 /dir/my_file.txt b _ i r alice ftp 0 * c');
});

test('auth failure lines match the fail2ban filter, and crafted usernames cannot fake the address', () => {
  const line = formatAuthFailureLine({ at: new Date('2026-11-21T12:00:00.123Z'), username: 'x ip=6.6.6.6', ip: '203.0.113.9', sessionId: 'abc' });
  assert.equal(line, '2026-11-21T12:00:00Z ftp-panel auth failure: user=x_ip=6.6.6.6 ip=203.0.113.9 session=abc');
  assert.equal(FAIL2BAN_REGEX.exec(line)?.groups?.host, '203.0.113.9');
  const v6 = formatAuthFailureLine({ at: new Date(), username: 'bob', ip: '2001:db8::1', sessionId: 'def' });
  assert.equal(FAIL2BAN_REGEX.exec(v6)?.groups?.host, '2001:db8::1');
});

const [sqlite] = await testProviders();
test('the service writes the xferlog and the auth log', { skip: sqlite?.skip ?? false }, async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ftp-oplogs-'));
  const h = await startHarness('sqlite', { env: { XFERLOG_FILE: path.join(dir, 'xfer.log'), AUTH_LOG_FILE: path.join(dir, 'auth.log') } });
  try {
    await h.addAccount('logger');
    const client = await h.client('logger');
    await upload(client, bytes(321), 'f.txt');
    client.close();
    await assert.rejects(h.client('logger', 'bad-password-here'), (e) => replyCode(e) === 530);
    await h.service.logs.drain();
    const xfer = readFileSync(h.config.xferlogFile as string, 'utf8');
    assert.match(xfer, / 127\.0\.0\.1 321 \/f\.txt b _ i r logger ftp 0 \* c\n$/);
    const auth = readFileSync(h.config.authLogFile as string, 'utf8');
    assert.equal(FAIL2BAN_REGEX.exec(auth.trim())?.groups?.host, '127.0.0.1');
  } finally {
    await h.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
