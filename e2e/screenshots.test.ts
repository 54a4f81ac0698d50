// Screenshots of the main pages at desktop and phone widths (e2e/artifacts/, not committed), and
// no console errors or horizontal scrolling at 375 px.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { skipUnless } from '../scripts/test-support.ts';
import { CHROMIUM_PATH, launchBrowser, openPage, screenshot } from './support/browser.ts';
import { startProduct, type Product } from './support/product.ts';
import { apiFromPage, completeSetup, signInCustomer } from './support/panel.ts';

const skip = skipUnless(existsSync(CHROMIUM_PATH), 'Chromium');

const ADMIN_PAGES = [
  ['overview', '/admin'],
  ['accounts', '/admin/accounts'],
  ['account-new', '/admin/accounts/new'],
  ['account-detail', '/admin/accounts/alice'],
  ['sessions', '/admin/sessions'],
  ['transfers', '/admin/transfers'],
  ['security', '/admin/security'],
  ['settings', '/admin/settings'],
  ['tokens', '/admin/tokens'],
  ['webhooks', '/admin/webhooks'],
  ['admins', '/admin/admins'],
  ['audit', '/admin/audit'],
] as const;

const VIEWPORTS = [
  ['desktop', { width: 1280, height: 900 }],
  ['phone', { width: 375, height: 812 }],
] as const;

describe('screenshots of the main pages', { skip, timeout: 600_000 }, () => {
  let product: Product;
  let browser: Browser;

  before(async () => {
    product = await startProduct();
    browser = await launchBrowser();
    const { page, context } = await openPage(browser, product.baseUrl);
    await completeSetup(page, product);
    const created = await apiFromPage(page, 'POST', '/api/v1/accounts', { username: 'alice', password: 'alice-password-1234', email: 'alice@example.test', quotaBytes: 1024 ** 3, uploadKiBps: 512 });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    await context.storageState({ path: `${product.dataDir}/admin-state.json` });
    await context.close();
  });
  after(async () => {
    await browser?.close();
    await product?.stop();
  });

  for (const [viewportName, viewport] of VIEWPORTS) {
    test(`admin pages at ${viewport.width} px`, async () => {
      const context = await browser.newContext({ baseURL: product.baseUrl, viewport, storageState: `${product.dataDir}/admin-state.json` });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('console', (m) => m.type() === 'error' && errors.push(`${page.url()}: ${m.text()}`));
      page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
      for (const [name, path] of ADMIN_PAGES) {
        await page.goto(path);
        await page.locator('h1').first().waitFor();
        await screenshot(page, `${viewportName}-${name}`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 1, `${path} scrolls sideways by ${overflow} px at ${viewport.width} px`);
      }
      await context.close();
      assert.deepEqual(errors, []);
    });

    test(`portal and sign-in pages at ${viewport.width} px`, async () => {
      const context = await browser.newContext({ baseURL: product.baseUrl, viewport });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('console', (m) => m.type() === 'error' && errors.push(`${page.url()}: ${m.text()}`));
      for (const [name, path] of [['login', '/login'], ['portal-login', '/portal/login'], ['portal-forgot', '/portal/forgot']] as const) {
        await page.goto(path);
        await page.locator('h1').first().waitFor();
        await screenshot(page, `${viewportName}-${name}`);
      }
      await signInCustomer(page, 'alice', 'alice-password-1234');
      await page.getByLabel('New password', { exact: true }).fill('a much better password 123');
      await page.getByTestId('password-strength').waitFor();
      await screenshot(page, `${viewportName}-portal`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 1, `portal scrolls sideways by ${overflow} px`);
      await context.close();
      assert.deepEqual(errors, []);
    });
  }
});
