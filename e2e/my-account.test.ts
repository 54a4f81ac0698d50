// An admin's own account and what each role is offered: read-only settings for ADMIN and SUPPORT,
// no token or webhook pages for SUPPORT, and the owner changing their password in the UI (the
// last step: it leaves the instance with another password, so it has its own product).
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { skipUnless } from '../scripts/test-support.ts';
import { CHROMIUM_PATH, openPage, type WatchedPage } from './support/browser.ts';
import type { Product } from './support/product.ts';
import { apiFromPage, OWNER, signInAdmin, startPanelAsOwner, type OwnerPanel } from './support/panel.ts';

const skip = skipUnless(existsSync(CHROMIUM_PATH), 'Chromium');
const NEW_PASSWORD = 'purple walrus juggles seven lanterns';

describe('my account and role-aware pages', { skip, timeout: 600_000 }, () => {
  let panel: OwnerPanel;
  let product: Product;
  let browser: Browser;
  let owner: WatchedPage;

  before(async () => {
    panel = await startPanelAsOwner();
    ({ product, browser, owner: owner } = panel);
  });
  after(async () => {
    await panel?.stop();
  });

  test('the overview shows the warnings the API sends', async () => {
    const { page } = owner;
    await page.goto('/admin');
    const api = await apiFromPage<{ warnings: { code: string }[] }>(page, 'GET', '/api/v1/overview');
    assert.equal(api.status, 200);
    assert.ok(api.body.warnings.length > 0, 'the e2e product has a self-signed certificate: expected a warning');
    // Scoped to #main: while the page streams in, Next keeps a hidden copy elsewhere in the DOM.
    await page.locator('#main [data-testid="warnings"]').waitFor();
    const shown = await page.locator('#main [data-warning]').evaluateAll((els) => els.map((e) => e.getAttribute('data-warning')));
    assert.deepEqual(shown, api.body.warnings.map((w) => w.code));
  });

  for (const role of ['ADMIN', 'SUPPORT'] as const) {
    test(`${role.toLowerCase()}: settings are read-only; only permitted actions are offered`, async () => {
      const username = `staff-${role.toLowerCase()}`;
      const password = 'staff password that is long enough 9';
      const created = await apiFromPage(owner.page, 'POST', '/api/v1/admins', { username, password, role });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const staff = await openPage(browser, product.baseUrl);
      try {
        const { page } = staff;
        await signInAdmin(page, username, password);
        await page.goto('/admin/settings');
        const main = page.locator('#main');
        await main.getByText('Only the owner can change settings').waitFor();
        assert.equal(await main.getByLabel('Passive ports from').isDisabled(), true);
        assert.equal(await main.getByRole('button', { name: 'Save' }).count(), 0);
        const nav = page.getByRole('navigation', { name: 'Main' }).last();
        assert.equal(await nav.getByRole('link', { name: 'Administrators' }).count(), 0);
        assert.equal(await nav.getByRole('link', { name: 'API tokens' }).count(), role === 'ADMIN' ? 1 : 0);
        await page.goto('/admin/accounts');
        await main.getByRole('heading', { name: 'Accounts', exact: true }).waitFor();
        assert.equal(await main.getByRole('link', { name: 'New account' }).count(), role === 'ADMIN' ? 1 : 0);
        assert.deepEqual(staff.consoleErrors, []);
      } finally {
        await staff.context.close();
      }
    });
  }

  test('the owner changes their password; the old one stops working, the new one signs in', async () => {
    const { page } = owner;
    await page.goto('/admin');
    await page.getByRole('link', { name: /My account/ }).click();
    await page.waitForURL('**/admin/account');

    await page.getByLabel('Current password').fill('not the current password');
    await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('Repeat the new password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Change password' }).click();
    const fieldError = page.locator('#currentPassword-error');
    await fieldError.waitFor();
    assert.match((await fieldError.textContent()) ?? '', /current password is wrong/i);

    await page.getByLabel('Current password').fill(OWNER.password);
    await page.getByLabel('New password', { exact: true }).fill('password');
    await page.getByLabel('Repeat the new password').fill('password');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.locator('#newPassword-error').waitFor();

    await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('Repeat the new password').fill(NEW_PASSWORD);
    await page.getByTestId('password-strength').waitFor();
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Password changed.').waitFor();

    await page.getByRole('button', { name: 'Sign out' }).last().click();
    await page.waitForURL('**/login');
    await page.getByLabel('Username').fill(OWNER.username);
    await page.getByLabel('Password').fill(OWNER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: /wrong username or password/i }).waitFor();
    assert.ok(page.url().endsWith('/login'));

    await signInAdmin(page, OWNER.username, NEW_PASSWORD);
    assert.ok(page.url().endsWith('/admin'));
  });

  test('no console errors apart from the refused attempts', () => {
    const errors = owner.consoleErrors.filter((e) => !/HTTP 400 POST .*\/api\/v1\/auth\/password|HTTP 401 POST .*\/api\/v1\/auth\/login|status of 40[01]/.test(e));
    assert.deepEqual(errors, []);
  });
});
