// The admin's live view of a real FTP client: an account created in the UI uploads a large,
// throttled file; the session and its progress appear without a reload; lowering the account's
// upload limit in the UI slows the running transfer; kicking ends it and the transfers view gets
// the row live. Then an upload over quota is logged as QUOTA.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { skipUnless } from '../scripts/test-support.ts';
import { CHROMIUM_PATH, screenshot, type WatchedPage } from './support/browser.ts';
import type { Product } from './support/product.ts';
import { createAccountInUi, startPanelAsOwner, type OwnerPanel } from './support/panel.ts';
import { bytesStream, ftpConnect } from './support/ftp.ts';

const skip = skipUnless(existsSync(CHROMIUM_PATH), 'Chromium');

const MIB = 1024 * 1024;
const USER = { username: 'bob', password: 'bob-ftp-password-2024' };

async function bytesShown(page: Page, username: string): Promise<number> {
  const value = await page.locator(`[data-username="${username}"] [data-testid="transfer-progress"]`).getAttribute('data-bytes');
  return Number(value);
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Bytes per second seen in the live sessions view over a window. */
async function measureRate(page: Page, username: string, windowMs: number): Promise<number> {
  const start = await bytesShown(page, username);
  const t0 = Date.now();
  await page.waitForTimeout(windowMs);
  const end = await bytesShown(page, username);
  return ((end - start) / (Date.now() - t0)) * 1000;
}

describe('live sessions and transfers with a real FTP client', { skip, timeout: 600_000 }, () => {
  let panel: OwnerPanel;
  let product: Product;
  let admin: WatchedPage;

  before(async () => {
    panel = await startPanelAsOwner();
    ({ product, owner: admin } = panel);
  });
  after(async () => {
    await panel?.stop();
  });

  test('a throttled upload shows live, slows when the limit is lowered, and can be kicked', async () => {
    await createAccountInUi(admin.page, { ...USER, uploadKiBps: 256 });

    const sessions = admin.page;
    await sessions.goto('/admin/sessions');
    await sessions.locator('[data-stream-status="live"]').first().waitFor();
    const transfersTab = await admin.context.newPage();
    await transfersTab.goto('/admin/transfers');
    await transfersTab.locator('[data-stream-status="live"]').first().waitFor();

    const client = await ftpConnect(product, USER.username, USER.password);
    const upload = client.uploadFrom(bytesStream(8 * MIB), 'big.bin').then(
      () => 'finished',
      (err: Error) => `failed: ${err.message}`,
    );
    try {
      // The session and its progress appear without a reload.
      await sessions.locator(`[data-username="${USER.username}"] [data-testid="transfer-progress"]`).waitFor({ timeout: 15_000 });
      await sessions.waitForTimeout(1500);
      const before = await measureRate(sessions, USER.username, 4000);
      assert.ok(before > 150 * 1024 && before < 400 * 1024, `expected about 256 KiB/s, saw ${Math.round(before / 1024)} KiB/s`);
      await screenshot(sessions, 'live-session-upload');

      // Lower the upload limit in the UI while the transfer runs.
      const edit = await admin.context.newPage();
      await edit.goto(`/admin/accounts/${USER.username}/edit`);
      await edit.getByLabel('Upload speed (KiB/s)').fill('64');
      await edit.getByRole('button', { name: 'Save changes' }).click();
      await edit.waitForURL(`**/admin/accounts/${USER.username}`);
      await edit.close();

      await sessions.waitForTimeout(2000);
      const after = await measureRate(sessions, USER.username, 5000);
      assert.ok(after < before * 0.5, `the transfer did not slow down: ${Math.round(before / 1024)} -> ${Math.round(after / 1024)} KiB/s`);
      assert.ok(after > 16 * 1024, `the transfer stalled: ${Math.round(after / 1024)} KiB/s`);

      // Kick: the session leaves the live view and the transfer lands in the log, live.
      await sessions.locator(`[data-username="${USER.username}"]`).getByRole('button', { name: /Disconnect/ }).click();
      await sessions.locator(`[data-username="${USER.username}"]`).waitFor({ state: 'detached', timeout: 15_000 });
      assert.match(await upload, /^failed/);
      const row = transfersTab.locator('[data-testid="transfer-table"] tr[data-path="/big.bin"]');
      await row.waitFor({ timeout: 15_000 });
      const status = await row.getAttribute('data-status');
      assert.ok(status === 'ABORTED' || status === 'FAILED', `unexpected status ${status}`);
      await screenshot(transfersTab, 'transfers-live-tail');
    } finally {
      client.close();
      await upload;
      await transfersTab.close();
    }
  });

  test('an upload over quota is logged with status QUOTA', async () => {
    await createAccountInUi(admin.page, { username: 'carol', password: 'carol-ftp-password-2024', quotaMiB: 1 });
    const client = await ftpConnect(product, 'carol', 'carol-ftp-password-2024');
    try {
      await assert.rejects(client.uploadFrom(bytesStream(3 * MIB), 'too-big.bin'));
    } finally {
      client.close();
    }
    const page = admin.page;
    // The log row is written just after the client sees the error; wait for it before loading the view.
    await waitFor(async () => {
      const logged = await page.evaluate(async () => (await fetch('/api/v1/transfers?account=carol&status=QUOTA')).json());
      return logged.total > 0;
    }, 10_000);
    await page.goto('/admin/transfers?account=carol&status=QUOTA');
    const row = page.locator('[data-testid="transfer-table"] tr[data-path="/too-big.bin"]');
    await row.waitFor({ timeout: 15_000 }).catch(async (err: Error) => {
      const logged = await page.evaluate(async () => (await fetch('/api/v1/transfers?account=carol')).json());
      throw new Error(`${err.message}\nlogged transfers: ${JSON.stringify(logged)}`);
    });
    assert.equal(await row.getAttribute('data-status'), 'QUOTA');
    await page.locator('tr[data-status="QUOTA"]').getByText('QUOTA').first().waitFor();
  });

  test('no console errors', () => {
    assert.deepEqual(admin.consoleErrors, []);
  });
});
