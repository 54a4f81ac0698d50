// End to end: `ftpadmin session` and `ftpadmin ban` against a running FTP service, with a real
// FTP client connected (the CLI reaches the service through DATA_DIR/control.sock and the
// change feed, exactly as on a production machine).
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { startHarness, waitFor, type Harness } from '@ftp-panel/core/testing';
import { ftpadmin } from './testing.ts';

/** The first reply line of a new control connection (220 welcome, or 421 when refused). */
function greeting(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.setEncoding('utf8');
    socket.once('data', (line: string) => {
      socket.destroy();
      resolve(line.trim());
    });
    socket.once('error', reject);
  });
}

describe('ftpadmin session and ban against the running service', () => {
  let h: Harness;
  let cli: { url: string; dataDir: string };
  before(async () => {
    h = await startHarness('sqlite');
    cli = { url: h.db.url, dataDir: h.config.dataDir };
  });
  after(async () => {
    await h?.close();
  });

  test('session list shows a connected client; kick --account disconnects it', async () => {
    await h.addAccount('shelluser');
    const client = await h.client('shelluser');
    const listed = await ftpadmin(cli, ['session', 'list', '--json']);
    assert.equal(listed.code, 0, listed.stderr);
    const sessions = JSON.parse(listed.stdout) as { id: string; username: string; remoteIp: string }[];
    const mine = sessions.find((s) => s.username === 'shelluser');
    assert.ok(mine, listed.stdout);
    assert.equal(mine.remoteIp, '127.0.0.1');

    const table = await ftpadmin(cli, ['session', 'list']);
    assert.match(table.stdout, new RegExp(`${mine.id}\\s+shelluser\\s+127\\.0\\.0\\.1`));

    const kicked = await ftpadmin(cli, ['session', 'kick', '--account', 'shelluser']);
    assert.equal(kicked.code, 0, kicked.stderr);
    assert.match(kicked.stdout, /1 session\(s\) disconnected/);
    await waitFor(() => h.service.sessions().every((s) => s.username !== 'shelluser'), 3000, 'the kick');
    await assert.rejects(client.list(), 'the kicked client lost its connection');
  });

  test('session kick <id> disconnects one session only', async () => {
    await h.addAccount('twice');
    await h.client('twice');
    await h.client('twice');
    const ids = h.service.sessions().filter((s) => s.username === 'twice').map((s) => s.id);
    assert.equal(ids.length, 2);
    const r = await ftpadmin(cli, ['session', 'kick', ids[0]!]);
    assert.equal(r.code, 0, r.stderr);
    await waitFor(() => h.service.sessions().filter((s) => s.username === 'twice').length === 1, 3000, 'one kick');
    assert.equal(h.service.sessions().find((s) => s.username === 'twice')?.id, ids[1]);
  });

  test('ban add refuses new connections within a second; ban list shows it; lift lets them in again', async () => {
    assert.match(await greeting(h.port), /^220/);
    const added = await ftpadmin(cli, ['ban', 'add', '127.0.0.1', '--duration-sec', '600', '--reason', 'cli test']);
    assert.equal(added.code, 0, added.stderr);
    await waitFor(async () => (await greeting(h.port)).startsWith('421'), 3000, 'the ban to apply');

    const listed = await ftpadmin(cli, ['ban', 'list']);
    assert.equal(listed.code, 0, listed.stderr);
    assert.match(listed.stdout, /127\.0\.0\.1.*cli test/);

    const lifted = await ftpadmin(cli, ['ban', 'lift', '127.0.0.1']);
    assert.equal(lifted.code, 0, lifted.stderr);
    await waitFor(async () => (await greeting(h.port)).startsWith('220'), 3000, 'the lift to apply');
    const none = await ftpadmin(cli, ['ban', 'list']);
    assert.doesNotMatch(none.stdout, /cli test/);
  });

  test('bad ban input changes nothing', async () => {
    const before = await h.db.prisma.ban.count();
    const r = await ftpadmin(cli, ['ban', 'add', 'not-an-ip']);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /ip|address/i);
    assert.equal(await h.db.prisma.ban.count(), before);
  });

  test('without a running service, session commands say so and fail', async () => {
    const elsewhere = { url: h.db.url, dataDir: `${h.config.dataDir}-nothing-here` };
    const r = await ftpadmin(elsewhere, ['session', 'list']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /FTP service is not running/);
  });
});
