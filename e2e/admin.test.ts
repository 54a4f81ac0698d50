// Admin settings and API tokens: field-level errors from the API, a passive range change that the
// FTP service applies live, and a token that is shown once and works as a Bearer token.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { skipUnless } from '../scripts/test-support.ts';
import { CHROMIUM_PATH, type WatchedPage } from './support/browser.ts';
import type { Product } from './support/product.ts';
import { createAccountInUi, startPanelAsOwner, type OwnerPanel } from './support/panel.ts';
import { passivePortOffered } from './support/raw-ftp.ts';

const skip = skipUnless(existsSync(CHROMIUM_PATH), 'Chromium');

describe('settings and API tokens', { skip, timeout: 600_000 }, () => {
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

  test('an invalid passive range is refused with the message next to the field', async () => {
    const { page } = admin;
    await page.goto('/admin/settings');
    await page.getByLabel('Passive ports from').fill('70000');
    await page.getByRole('form', { name: 'passive' }).getByRole('button', { name: 'Save' }).click();
    const error = page.locator('#passive-pasvPortMin-error, #passive-pasvPortMax-error').first();
    await error.waitFor();
    assert.ok(((await error.textContent()) ?? '').length > 5);
    assert.equal(await page.locator('[aria-invalid="true"]').count() >= 1, true);
    const settings = await (await page.request.get('/api/v1/settings')).json();
    assert.equal(settings.pasvPortMin, product.pasvRange.min, 'the refused value was stored');
  });

  test('a valid passive range applies to the FTP service right away', async () => {
    const { page } = admin;
    await createAccountInUi(page, { username: 'frank', password: 'frank-ftp-password-11' });
    const min = product.pasvRange.max - 4;
    const max = product.pasvRange.max;
    await page.goto('/admin/settings');
    await page.getByLabel('Passive ports from').fill(String(min));
    await page.getByLabel('Passive ports to').fill(String(max));
    await page.getByRole('form', { name: 'passive' }).getByRole('button', { name: 'Save' }).click();
    await page.getByRole('form', { name: 'passive' }).getByRole('status').first().waitFor();
    const settings = await (await page.request.get('/api/v1/settings')).json();
    assert.equal(settings.pasvPortMin, min);
    assert.equal(settings.pasvPortMax, max);

    const deadline = Date.now() + 10_000;
    let offered = 0;
    do {
      offered = await passivePortOffered('127.0.0.1', product.ftpPort, 'frank', 'frank-ftp-password-11');
      if (offered >= min && offered <= max) break;
      await new Promise((r) => setTimeout(r, 300));
    } while (Date.now() < deadline);
    assert.ok(offered >= min && offered <= max, `PASV offered ${offered}, outside ${min}-${max}`);
  });

  test('a created token is shown once and works against the API', async () => {
    const { page } = admin;
    await page.goto('/admin/tokens');
    await page.getByLabel('Name').fill('provisioning');
    // accounts:read is pre-selected; add accounts:write
    await page.getByRole('checkbox', { name: /accounts:write/ }).check();
    await page.getByRole('button', { name: 'Create token' }).click();
    const secretEl = page.locator('[data-secret="token"]');
    await secretEl.waitFor();
    const secret = (await secretEl.textContent())!.trim();
    assert.match(secret, /^ftpp_/);

    await page.reload();
    await page.getByText('provisioning').first().waitFor();
    assert.equal(await page.locator('[data-secret="token"]').count(), 0, 'the token is shown again after a reload');
    assert.equal(await page.getByText(secret).count(), 0);

    const list = await fetch(`${product.baseUrl}/api/v1/accounts`, { headers: { authorization: `Bearer ${secret}` } });
    assert.equal(list.status, 200);
    const created = await fetch(`${product.baseUrl}/api/v1/accounts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'via-token', password: 'token-made-password-1' }),
    });
    assert.equal(created.status, 201, await created.text());
    const settings = await fetch(`${product.baseUrl}/api/v1/settings`, { method: 'PATCH', headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' }, body: '{"banner":"x"}' });
    assert.equal(settings.status, 403, 'a token without settings:write changed settings');
    const wrong = await fetch(`${product.baseUrl}/api/v1/accounts`, { headers: { authorization: 'Bearer ftpp_not-a-real-token' } });
    assert.equal(wrong.status, 401);
  });

  test('no console errors apart from the refused save', () => {
    const errors = admin.consoleErrors.filter((e) => !/HTTP 400 PATCH .*\/api\/v1\/settings|status of 400/.test(e));
    assert.deepEqual(errors, []);
  });
});
