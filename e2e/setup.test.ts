// First run: the one-time setup link creates the owner, who can then sign out and in again.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { skipUnless } from '../scripts/test-support.ts';
import { CHROMIUM_PATH, launchBrowser, openPage, type WatchedPage } from './support/browser.ts';
import { startProduct, type Product } from './support/product.ts';
import { OWNER, completeSetup, signInAdmin } from './support/panel.ts';

const skip = skipUnless(existsSync(CHROMIUM_PATH), 'Chromium');

describe('first run and signing in', { skip, timeout: 600_000 }, () => {
  let product: Product;
  let browser: Browser;
  let tab: WatchedPage;

  before(async () => {
    product = await startProduct();
    browser = await launchBrowser();
    tab = await openPage(browser, product.baseUrl);
  });
  after(async () => {
    await browser?.close();
    await product?.stop();
  });

  test('before setup, the front page sends people to the setup page', async () => {
    const res = await fetch(`${product.baseUrl}/api/v1/setup/status`);
    assert.deepEqual(await res.json(), { isSetupNeeded: true });
    await tab.page.goto('/');
    await tab.page.waitForURL('**/setup');
    await tab.page.getByText('Open the one-time setup link').waitFor();
  });

  test('the setup link creates the owner and lands in the admin area', async () => {
    await completeSetup(tab.page, product);
    await tab.page.getByRole('heading', { name: 'Overview' }).waitFor();
    const status = await (await fetch(`${product.baseUrl}/api/v1/setup/status`)).json();
    assert.equal(status.isSetupNeeded, false);
  });

  test('signing out leaves the admin area and protects it', async () => {
    await tab.page.getByRole('button', { name: 'Sign out' }).first().click();
    await tab.page.waitForURL('**/login');
    await tab.page.goto('/admin/accounts');
    await tab.page.waitForURL(/\/login/);
  });

  test('a wrong password is refused with a message; the right one signs in', async () => {
    await tab.page.goto('/login');
    await tab.page.getByLabel('Username').fill(OWNER.username);
    await tab.page.getByLabel('Password').fill('not the password');
    await tab.page.getByRole('button', { name: 'Sign in' }).click();
    // (Next's route announcer is also role=alert; the form's alert is inside the form.)
    const alert = tab.page.locator('form [role=alert]');
    await alert.waitFor();
    assert.match((await alert.textContent()) ?? '', /\w{5,}/);
    await signInAdmin(tab.page);
    await tab.page.getByRole('heading', { name: 'Overview' }).waitFor();
  });

  test('no console errors on the way', () => {
    // A refused login is a 401 the browser reports as a failed resource: that one is expected.
    const errors = tab.consoleErrors.filter((e) => !/401|Failed to load resource/.test(e));
    assert.deepEqual(errors, []);
  });
});
