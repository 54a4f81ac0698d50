// The authenticator's outcome reaches the bus through the engine's login events: the published
// login.failed says why (reason), how (result) and for which account, with no side table.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testProviders } from '@ftp-panel/db/testing';
import { replyCode, startHarness, waitFor } from './test-helpers.ts';
import type { Harness } from './test-helpers.ts';

type LoginFailed = Extract<Harness['events'][number], { type: 'login.failed' }>;

for (const { provider, skip } of await testProviders()) {
  describe(`login events carry the authenticator's outcome (${provider})`, { skip }, () => {
    let h: Harness;
    before(async () => {
      h = await startHarness(provider);
    });
    after(() => h?.close());

    async function failedLogin(username: string, password?: string): Promise<LoginFailed> {
      await assert.rejects(h.client(username, password), (e) => replyCode(e) === 530);
      const find = (): LoginFailed | undefined =>
        h.events.find((e): e is LoginFailed => e.type === 'login.failed' && e.username === username);
      await waitFor(() => find() !== undefined, 3000, `login.failed for ${username}`);
      return find()!;
    }

    test('wrong password, unknown user and a disabled account each publish their reason', async () => {
      const aliceId = await h.addAccount('alice');
      const wrong = await failedLogin('alice', 'wrong-password-1');
      assert.deepEqual([wrong.result, wrong.reason, wrong.accountId], ['FAILED', 'wrong password', aliceId]);

      const unknown = await failedLogin('nobody', 'wrong-password-1');
      assert.deepEqual([unknown.result, unknown.reason, unknown.accountId], ['FAILED', 'unknown user', null]);

      const offId = await h.addAccount('off', { status: 'DISABLED' });
      const off = await failedLogin('off');
      assert.deepEqual([off.result, off.reason, off.accountId], ['DENIED', 'account disabled', offId]);
    });

    test('a successful login publishes the account it logged in to', async () => {
      const id = await h.addAccount('carol');
      (await h.client('carol')).close();
      await waitFor(() => h.events.some((e) => e.type === 'login.succeeded' && e.username === 'carol'), 3000, 'login.succeeded');
      const ok = h.events.find((e) => e.type === 'login.succeeded' && e.username === 'carol');
      assert.equal(ok?.type === 'login.succeeded' ? ok.accountId : undefined, id);
    });
  });
}
