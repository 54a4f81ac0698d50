// The Content-Security-Policy holds the whole dashboard: every page of the admin panel (found by
// following its own links from the navigation), every page of the customer portal, the sign-in,
// setup and reset pages and the API docs load under a nonce-based CSP with no violation and no
// console error. Pages added later are covered as soon as a link leads to them.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { skipUnless } from '../scripts/test-support.ts';
import { CHROMIUM_PATH, launchBrowser, openPage, type WatchedPage } from './support/browser.ts';
import { startProduct, type Product } from './support/product.ts';
import { apiFromPage, completeSetup, createAccountInUi, signInCustomer } from './support/panel.ts';

const skip = skipUnless(existsSync(CHROMIUM_PATH), 'Chromium');

/** Paths a crawl must not follow: they act instead of showing, or leave the signed-in area. */
const NOT_FOLLOWED = [/logout/, /sign-?out/];

type Watched = WatchedPage & { violations: string[] };

/** A tab that records every securitypolicyviolation event of every document it loads. */
async function watchedPage(browser: Browser, baseUrl: string): Promise<Watched> {
  const watched = await openPage(browser, baseUrl);
  const violations: string[] = [];
  await watched.context.exposeBinding('__reportCspViolation', ({ page }, text: string) => {
    violations.push(`${page.url()}: ${text}`);
  });
  await watched.context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as { __reportCspViolation(text: string): void }).__reportCspViolation;
      report(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber}) ${e.sample}`);
    });
  });
  return { ...watched, violations };
}

/** Loads a path, checks its CSP header carries a nonce and that the page came up without complaint. */
async function visit(w: Watched, path: string, options: { isMissing?: boolean } = {}): Promise<Page> {
  const { page } = w;
  const errorsBefore = w.consoleErrors.length;
  const violationsBefore = w.violations.length;
  const response = await page.goto(path, { waitUntil: 'load' });
  assert.ok(response, `${path}: no response`);
  const csp = (await response.allHeaders())['content-security-policy'] ?? '';
  assert.match(csp, /script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/, `${path}: a nonce-based CSP (got "${csp}")`);
  assert.match(csp, /frame-ancestors 'none'/, path);
  // Hydration done: the client router is in place (Next's inline bootstrap scripts ran).
  await page.waitForFunction(() => document.readyState === 'complete');
  await page.waitForTimeout(400);
  let errors = w.consoleErrors.slice(errorsBefore);
  // The one expected failure of a missing page is its own 404 (and the console line for it).
  if (options.isMissing) errors = errors.filter((e) => !/^HTTP 404 GET /.test(e) && !/status of 404/.test(e));
  assert.deepEqual(w.violations.slice(violationsBefore), [], `${path}: CSP violations`);
  assert.deepEqual(errors, [], `${path}: console errors`);
  return page;
}

/** Visits `start` and every same-origin page its links lead to under `prefix`, once per path. */
async function crawl(w: Watched, start: string, prefix: string, limit = 60): Promise<string[]> {
  const seen = new Set<string>();
  const queue = [start];
  while (queue.length && seen.size < limit) {
    const path = queue.shift()!;
    if (seen.has(path)) continue;
    seen.add(path);
    const page = await visit(w, path);
    const hrefs = await page.$$eval('a[href]', (links) => links.map((a) => (a as HTMLAnchorElement).href));
    for (const href of hrefs) {
      const url = new URL(href);
      if (url.origin !== new URL(page.url()).origin) continue;
      const next = url.pathname;
      if (!(next === prefix || next.startsWith(prefix + '/')) || NOT_FOLLOWED.some((re) => re.test(next))) continue;
      if (!seen.has(next)) queue.push(next);
    }
  }
  return [...seen];
}

describe('content security policy across the dashboard', { skip, timeout: 900_000 }, () => {
  let product: Product;
  let browser: Browser;
  let owner: Watched;
  const contexts: BrowserContext[] = [];

  before(async () => {
    product = await startProduct();
    browser = await launchBrowser();
    owner = await watchedPage(browser, product.baseUrl);
  });
  after(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await product?.stop();
  });

  test('the CSP is enforced and the listener sees a violation (an inline script without the nonce)', async () => {
    const w = await watchedPage(browser, product.baseUrl);
    contexts.push(w.context);
    await visit(w, '/login');
    await w.page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__ranInline = true';
      document.body.append(s);
    });
    await w.page.waitForFunction(() => true);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(await w.page.evaluate(() => (window as unknown as { __ranInline?: boolean }).__ranInline), undefined, 'the inline script did not run');
    assert.ok(w.violations.some((v) => v.includes('script-src')), `a script-src violation was reported: ${w.violations.join('\n')}`);
  });

  test('setup, sign-in and reset pages, before and after setup', async () => {
    await visit(owner, '/setup');
    assert.ok(product.setupUrl, 'the setup link was printed');
    await visit(owner, new URL(product.setupUrl).pathname + new URL(product.setupUrl).search);
    await completeSetup(owner.page, product);
    // Setup done: the page now sends people to sign in.
    await visit(owner, '/setup');
    for (const path of ['/login', '/portal/login', '/portal/forgot', '/portal/reset', '/portal/reset?token=not-a-real-token']) {
      const anonymous = await watchedPage(browser, product.baseUrl);
      contexts.push(anonymous.context);
      await visit(anonymous, path);
    }
    const missing = await watchedPage(browser, product.baseUrl);
    contexts.push(missing.context);
    await visit(missing, '/no-such-page', { isMissing: true });
  });

  test('every admin page the owner can reach', async () => {
    // Something behind each detail page: an account and a webhook.
    // A quota, so the usage bars (list, detail, portal) are on the pages.
    await createAccountInUi(owner.page, { username: 'csp-carol', password: 'carol-first-password-55', email: 'carol@example.test', quotaMiB: 100 });
    const hook = await apiFromPage<{ id?: number }>(owner.page, 'POST', '/api/v1/webhooks', { url: 'https://hooks.example.test/ftp', events: ['account.created'] });
    const visited = await crawl(owner, '/admin', '/admin');
    const extra = ['/admin/accounts/new', '/admin/accounts/csp-carol', '/admin/accounts/csp-carol/edit', '/admin/account'];
    if (hook.status < 300 && hook.body.id !== undefined) extra.push(`/admin/webhooks/${hook.body.id}`);
    for (const path of extra) if (!visited.includes(path)) await visit(owner, path);
    for (const path of ['/admin/accounts', '/admin/settings', '/admin/admins', '/admin/audit', '/admin/webhooks', '/admin/tokens', '/admin/security']) {
      assert.ok(visited.includes(path), `the crawl reached ${path} (visited ${visited.join(', ')})`);
    }
  });

  test('every portal page a customer can reach', async () => {
    const customer = await watchedPage(browser, product.baseUrl);
    contexts.push(customer.context);
    await signInCustomer(customer.page, 'csp-carol', 'carol-first-password-55');
    const visited = await crawl(customer, '/portal', '/portal');
    assert.ok(visited.includes('/portal'));
    // The usage bar was among what loaded without a violation (its width is not an inline style).
    await visit(customer, '/portal');
    await customer.page.locator('[role="meter"]').first().waitFor();
    assert.deepEqual(customer.violations, []);
  });

  test('the API docs (Swagger UI) render under their own CSP', async () => {
    const w = await watchedPage(browser, product.baseUrl);
    contexts.push(w.context);
    const response = await w.page.goto('/api/docs', { waitUntil: 'load' });
    assert.match((await response!.allHeaders())['content-security-policy'] ?? '', /frame-ancestors 'none'/);
    await w.page.locator('.opblock').first().waitFor();
    assert.deepEqual(w.violations, []);
    assert.deepEqual(w.consoleErrors, []);
  });
});
