// With the settings as shipped (500 sessions, 20 per address, 60 s to log in), a flood of idle
// connections that never log in does not keep account holders out.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { getServerSettings } from '@ftp-panel/db';
import { testProviders } from '@ftp-panel/db/testing';
import { bytes, download, startHarness, upload } from './test-helpers.ts';
import type { Harness } from './test-helpers.ts';

/** Connects from localAddress, resolves with the first line the server sends, then stays silent. */
function idleConnection(port: number, localAddress: string, sockets: net.Socket[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ port, host: '127.0.0.1', localAddress });
    sockets.push(socket);
    socket.setEncoding('utf8');
    let text = '';
    socket.on('data', (chunk: string) => {
      text += chunk;
      if (text.includes('\n')) resolve(text.slice(0, text.indexOf('\n')));
    });
    socket.once('close', () => resolve(text || '(closed)'));
    socket.once('error', reject);
  });
}

for (const { provider, skip } of await testProviders()) {
  describe(`FTP service under a pre-login flood (${provider})`, { skip }, () => {
    let h: Harness;
    const sockets: net.Socket[] = [];
    before(async () => {
      h = await startHarness(provider);
    });
    after(async () => {
      for (const socket of sockets) socket.destroy();
      await h?.close();
    });

    test('500 idle connections from 25 addresses leave room for an account to log in and transfer', async () => {
      const settings = await getServerSettings(h.db.prisma);
      assert.deepEqual(
        { maxSessions: settings.maxSessions, maxSessionsPerIp: settings.maxSessionsPerIp, loginTimeoutSec: settings.loginTimeoutSec },
        { maxSessions: 500, maxSessionsPerIp: 20, loginTimeoutSec: 60 },
      );
      await h.addAccount('alice');
      const addresses = Array.from({ length: 25 }, (_, i) => `127.0.0.${i + 2}`);
      const firstLines: string[] = [];
      for (let round = 0; round < 20; round++) {
        firstLines.push(...(await Promise.all(addresses.map((address) => idleConnection(h.port, address, sockets)))));
      }
      const greeted = firstLines.filter((line) => line.startsWith('220 ')).length;
      assert.ok(greeted > 0 && greeted <= 250, `${greeted} idle connections were let in`);
      // Idle sessions only give way after a short grace period.
      await sleep(1100);
      const client = await h.client('alice');
      const data = bytes(100_000);
      await upload(client, data, 'through-the-flood.bin');
      assert.deepEqual(await download(client, 'through-the-flood.bin'), data);
      client.close();
      assert.ok(sockets.some((s) => !s.destroyed), 'the flood was still connected');
    });
  });
}
