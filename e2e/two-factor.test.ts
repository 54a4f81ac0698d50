// Issue 12, item 5, in the browser: an admin (My account) and a customer (portal) set up
// two-factor sign-in from the QR page (the codes are computed here from the secret the page
// shows, as an authenticator app does), see their ten recovery codes once, and then sign in with
// the password and a code (a wrong code is refused with a message). With the owner's
// "Require two-factor sign-in for all admins" on, an admin without it enrols during sign-in.
// No page in these steps breaks the CSP (the QR code is inline SVG, not a script).
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { TOTP } from 'otpauth';
import { skipUnless } from '../scripts/test-support.ts';
import { CHROMIUM_PATH, openPage, type WatchedPage } from './support/browser.ts';
import type { Product } from './support/product.ts';
import { apiFromPage, createAccountInUi, OWNER, startPanelAsOwner, type OwnerPanel } from './support/panel.ts';

const skip = skipUnless(existsSync(CHROMIUM_PATH), 'Chromium');
const CUSTOMER = { username: 'tfa-carol', password: 'carol-first-password-81' };
const STAFF = { username: 'tfa-staff', password: 'staff passphrase that is long 3' };

/** The code an authenticator app shows; offsetSeconds 30 is the next step (the current one may be spent). */
function appCode(secret: string, offsetSeconds = 0): string {
  return new TOTP({ secret, digits: 6, period: 30, algorithm: 'SHA1' }).generate({ timestamp: Date.now() + offsetSeconds * 1000 });
}

/** Records securitypolicyviolation events of every document the tab loads. */
async function watchCsp(w: WatchedPage): Promise<string[]> {
  const violations: string[] = [];
  await w.context.exposeBinding('__reportCspViolation', ({ page }, text: string) => {
    violations.push(`${page.url()}: ${text}`);
  });
  await w.context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __reportCspViolation(text: string): void }).__reportCspViolation(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`);
    });
  });
  return violations;
}

/** On a page showing the enrolment: checks the QR code is drawn, tries a wrong code, confirms with a right one; returns the secret. */
async function enrolOnPage(page: Page, submit: string): Promise<string> {
  const qr = page.getByTestId('two-factor-qr');
  await qr.locator('svg path').first().waitFor();
  const box = await qr.boundingBox();
  assert.ok(box && box.width > 100, `the QR code is drawn (${JSON.stringify(box)})`);
  const secret = ((await page.locator('[data-secret="two-factor"]').textContent()) ?? '').trim();
  assert.match(secret, /^[A-Z2-7]{16,}$/, 'a base32 secret is shown');

  await page.getByLabel('Code from the app').fill('000000');
  await page.getByRole('button', { name: submit }).click();
  await page.locator('#enrolCode-error').waitFor();
  assert.match((await page.locator('#enrolCode-error').textContent()) ?? '', /code/i);

  await page.getByLabel('Code from the app').fill(appCode(secret));
  await page.getByRole('button', { name: submit }).click();
  await page.getByTestId('recovery-codes').waitFor();
  const codes = await page.locator('[data-recovery-code]').allTextContents();
  assert.equal(codes.length, 10, `ten recovery codes (${codes.join(', ')})`);
  assert.equal(await page.getByRole('button', { name: 'Copy recovery codes' }).count(), 1);
  return secret;
}

/** Password, then the code page: a wrong code shows a message, the right one signs in. */
async function signInWithCode(page: Page, options: { login: string; usernameLabel: string; passwordLabel: string; username: string; password: string; secret: string; codePage: RegExp; done: RegExp }): Promise<void> {
  await page.goto(options.login);
  await page.getByLabel(options.usernameLabel).fill(options.username);
  await page.getByLabel(options.passwordLabel).fill(options.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(options.codePage);
  await page.getByLabel('Code from your authenticator app').fill('000000');
  await page.getByRole('button', { name: 'Verify' }).click();
  const error = page.locator('#code-error');
  await error.waitFor();
  assert.match((await error.textContent()) ?? '', /wrong or was already used/i);
  await page.getByLabel('Code from your authenticator app').fill(appCode(options.secret, 30));
  await page.getByRole('button', { name: 'Verify' }).click();
  await page.waitForURL(options.done);
}

/** The refused attempts these steps make on purpose. */
function unexpected(errors: string[]): string[] {
  return errors.filter((e) => !/HTTP 40[01] POST .*\/api\/v1\/(auth\/second-factor|auth\/two-factor\/confirm|me\/two-factor\/confirm)|status of 40[01]/.test(e));
}

describe('two-factor sign-in in the browser', { skip, timeout: 600_000 }, () => {
  let panel: OwnerPanel;
  let product: Product;
  let browser: Browser;
  let owner: WatchedPage;

  before(async () => {
    panel = await startPanelAsOwner();
    ({ product, browser, owner } = panel);
    await createAccountInUi(owner.page, { username: CUSTOMER.username, password: CUSTOMER.password });
    const created = await apiFromPage(owner.page, 'POST', '/api/v1/admins', { ...STAFF, role: 'ADMIN' });
    assert.equal(created.status, 201, JSON.stringify(created.body));
  });
  after(async () => {
    await panel?.stop();
  });

  test('an admin sets it up on My account, then signs in with the password and a code', async () => {
    const admin = await openPage(browser, product.baseUrl);
    const violations = await watchCsp(admin);
    const { page } = admin;
    try {
      await page.goto('/login');
      await page.getByLabel('Username').fill(OWNER.username);
      await page.getByLabel('Password').fill(OWNER.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL('**/admin');
      await page.goto('/admin/account');
      await page.getByRole('button', { name: 'Set up two-factor sign-in' }).click();
      const secret = await enrolOnPage(page, 'Turn on two-factor sign-in');
      await page.getByRole('button', { name: 'I saved them' }).click();
      await page.getByTestId('two-factor-status').filter({ hasText: 'Recovery codes left: 10' }).waitFor();

      await page.getByRole('button', { name: 'Sign out' }).last().click();
      await page.waitForURL('**/login');
      await signInWithCode(page, { login: '/login', usernameLabel: 'Username', passwordLabel: 'Password', username: OWNER.username, password: OWNER.password, secret, codePage: /\/login\/two-factor/, done: /\/admin$/ });
      await page.getByRole('heading', { name: 'Overview' }).first().waitFor();
      assert.deepEqual(violations, []);
      assert.deepEqual(unexpected(admin.consoleErrors), []);
    } finally {
      await admin.context.close();
    }
  });

  test('a customer sets it up in the portal, then signs in with the password and a code', async () => {
    const customer = await openPage(browser, product.baseUrl);
    const violations = await watchCsp(customer);
    const { page } = customer;
    try {
      await page.goto('/portal/login');
      await page.getByLabel('FTP username').fill(CUSTOMER.username);
      await page.getByLabel('FTP password').fill(CUSTOMER.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(/\/portal$/);
      await page.getByRole('button', { name: 'Set up two-factor sign-in' }).click();
      const secret = await enrolOnPage(page, 'Turn on two-factor sign-in');

      await customer.context.clearCookies();
      await signInWithCode(page, {
        login: '/portal/login',
        usernameLabel: 'FTP username',
        passwordLabel: 'FTP password',
        username: CUSTOMER.username,
        password: CUSTOMER.password,
        secret,
        codePage: /\/portal\/login\/two-factor/,
        done: /\/portal$/,
      });
      await page.getByRole('heading', { name: `Hello, ${CUSTOMER.username}` }).waitFor();
      assert.deepEqual(violations, []);
      assert.deepEqual(unexpected(customer.consoleErrors), []);
    } finally {
      await customer.context.close();
    }
  });

  test("with the owner's requirement on, an admin without two-factor enrols while signing in", async () => {
    // The owner's tab signed in before two-factor was turned on: still a full session.
    await owner.page.goto('/admin/settings');
    const requirement = owner.page.getByRole('switch', { name: 'Require two-factor sign-in for all admins' });
    await requirement.check();
    await owner.page.getByText('Saved: every admin now signs in with a code').waitFor();
    const staff = await openPage(browser, product.baseUrl);
    const violations = await watchCsp(staff);
    const { page } = staff;
    try {
      await page.goto('/login');
      await page.getByLabel('Username').fill(STAFF.username);
      await page.getByLabel('Password').fill(STAFF.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(/\/login\/two-factor\?.*step=enrol/);
      await enrolOnPage(page, 'Turn on and sign in');
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.waitForURL(/\/admin$/);
      await page.goto('/admin/account');
      await page.getByText('cannot be turned off').waitFor();
      assert.deepEqual(violations, []);
      assert.deepEqual(unexpected(staff.consoleErrors), []);
    } finally {
      await staff.context.close();
      await requirement.uncheck();
      await owner.page.getByText('Saved: two-factor sign-in is up to each admin').waitFor();
    }
  });
});
