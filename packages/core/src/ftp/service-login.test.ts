import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { findAccountByUsername, listLoginEvents, listTransfers } from '@ftp-panel/db';
import { testProviders } from '@ftp-panel/db/testing';
import { bytes, download, replyCode, startHarness, upload, waitFor } from './test-helpers.ts';
import type { Harness } from './test-helpers.ts';

for (const { provider, skip } of await testProviders()) {
  describe(`FTP service login and transfers (${provider})`, { skip }, () => {
    let h: Harness;
    before(async () => {
      h = await startHarness(provider);
    });
    after(() => h?.close());

    test('an account from the database logs in, uploads and downloads', async () => {
      await h.addAccount('alice');
      const client = await h.client('alice');
      const data = bytes(200_000);
      await upload(client, data, 'hello.bin');
      assert.deepEqual(readFileSync(path.join(h.homesDir, 'alice', 'hello.bin')), data);
      assert.deepEqual(await download(client, 'hello.bin'), data);
      const account = await findAccountByUsername(h.db.prisma, 'alice');
      assert.equal(account?.usedBytes, 200_000);
      assert.equal(account?.usedFiles, 1);
      client.close();
    });

    test('a wrong password and an unknown user are both refused with 530', async () => {
      await assert.rejects(h.client('alice', 'wrong-password-1'), (e) => replyCode(e) === 530);
      await assert.rejects(h.client('nobody', 'wrong-password-1'), (e) => replyCode(e) === 530);
    });

    test('logins and transfers are published and persisted', async () => {
      await waitFor(() => h.events.some((e) => e.type === 'session.closed'), 3000, 'a session to close');
      await h.service.runtime?.persister.flush();
      const logins = await listLoginEvents(h.db.prisma, { limit: 10 });
      const results = logins.items.map((l) => `${l.username}:${l.result}`).sort();
      assert.deepEqual(results, ['alice:FAILED', 'alice:OK', 'nobody:FAILED']);
      const transfers = await listTransfers(h.db.prisma, { username: 'alice' });
      assert.deepEqual(
        transfers.items.map((t) => [t.direction, t.path, t.bytes, t.status]).sort(),
        [['DOWNLOAD', '/hello.bin', 200_000, 'OK'], ['UPLOAD', '/hello.bin', 200_000, 'OK']],
      );
      const types = new Set(h.events.map((e) => e.type));
      for (const t of ['session.opened', 'session.closed', 'login.succeeded', 'login.failed', 'transfer.started', 'transfer.completed']) {
        assert.ok(types.has(t as never), `missing ${t}`);
      }
    });
  });
}
