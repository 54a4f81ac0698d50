// Steps a person takes in the panel, shared by the scenarios.
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage, type WatchedPage } from './browser.ts';
import { startProduct, type Product } from './product.ts';

export const OWNER = { username: 'owner', password: 'correct horse battery staple 42', email: 'owner@example.test' };

export async function completeSetup(page: Page, product: Product): Promise<void> {
  assert.ok(product.setupUrl, `no setup link printed:\n${product.output().slice(-2000)}`);
  await page.goto(product.setupUrl);
  await page.getByLabel('Username').fill(OWNER.username);
  await page.getByLabel('Email (optional)').fill(OWNER.email);
  await page.getByLabel('Password', { exact: true }).fill(OWNER.password);
  await page.getByLabel('Repeat the password').fill(OWNER.password);
  await page.getByRole('button', { name: 'Create owner and sign in' }).click();
  await page.waitForURL('**/admin');
}

export type OwnerPanel = { product: Product; browser: Browser; owner: WatchedPage; stop(): Promise<void> };

/** A running product, a browser, and a tab signed in as the owner created by first-run setup. */
export async function startPanelAsOwner(extraEnv: Record<string, string> = {}): Promise<OwnerPanel> {
  const product = await startProduct(extraEnv);
  const browser = await launchBrowser();
  const owner = await openPage(browser, product.baseUrl);
  await completeSetup(owner.page, product);
  return {
    product,
    browser,
    owner,
    async stop() {
      await browser.close();
      await product.stop();
    },
  };
}

export async function signInAdmin(page: Page, username = OWNER.username, password = OWNER.password): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL('**/admin');
}

export async function signInCustomer(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/portal/login');
  await page.getByLabel('FTP username').fill(username);
  await page.getByLabel('FTP password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/portal$/);
}

export type NewAccount = { username: string; password: string; email?: string; quotaMiB?: number; uploadKiBps?: number };

/** Creates an account through the form; returns the password (given or generated). */
export async function createAccountInUi(page: Page, account: NewAccount): Promise<string> {
  await page.goto('/admin/accounts/new');
  await page.getByLabel('Username').fill(account.username);
  if (account.password) await page.getByLabel('Password', { exact: true }).fill(account.password);
  if (account.email) await page.getByLabel('Email', { exact: true }).fill(account.email);
  if (account.quotaMiB !== undefined) {
    await page.getByLabel('Storage quota').fill(String(account.quotaMiB));
    await page.getByLabel('Quota unit').selectOption('MiB');
  }
  if (account.uploadKiBps !== undefined) await page.getByLabel('Upload speed (KiB/s)').fill(String(account.uploadKiBps));
  await page.getByRole('button', { name: 'Create account' }).click();
  if (account.password) {
    await page.waitForURL(`**/admin/accounts/${account.username}`);
    return account.password;
  }
  const secret = page.locator('[data-secret="password"]');
  await secret.waitFor();
  return (await secret.textContent())!.trim();
}

/** Same-origin API call from the signed-in page (cookie + CSRF token from the session endpoint). */
export async function apiFromPage<T>(page: Page, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const session = await (await fetch('/api/v1/auth/session')).json();
      const res = await fetch(path, {
        method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken ?? '' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    },
    { method, path, body },
  ) as Promise<{ status: number; body: T }>;
}
