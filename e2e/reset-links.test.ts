// Issue 12: SUPPORT cannot take over accounts (the reset link is sent to the customer's email,
// never shown to SUPPORT; OWNER and ADMIN may copy one), and an admin who forgot the password
// resets it from the sign-in page through the emailed link.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { skipUnless } from '../scripts/test-support.ts';
import { CHROMIUM_PATH, openPage, type WatchedPage } from './support/browser.ts';
import type { Product } from './support/product.ts';
import { apiFromPage, createAccountInUi, OWNER, signInAdmin, startPanelAsOwner, type OwnerPanel } from './support/panel.ts';
import { decodeMailText } from './support/smtp-sink.ts';

const skip = skipUnless(existsSync(CHROMIUM_PATH), 'Chromium');
const SUPPORT = { username: 'helpdesk', password: 'helpdesk passphrase 6612' };

describe('reset links by role; forgotten admin password', { skip, timeout: 600_000 }, () => {
  let panel: OwnerPanel;
  let product: Product;
  let browser: Browser;
  let owner: WatchedPage;

  before(async () => {
    panel = await startPanelAsOwner();
    ({ product, browser, owner } = panel);
    await createAccountInUi(owner.page, { username: 'frank', password: 'frank-first-password-71', email: 'frank@example.test' });
    await createAccountInUi(owner.page, { username: 'gina', password: 'gina-first-password-72' });
    const created = await apiFromPage(owner.page, 'POST', '/api/v1/admins', { ...SUPPORT, role: 'SUPPORT' });
    assert.equal(created.status, 201, JSON.stringify(created.body));
  });
  after(async () => {
    await panel?.stop();
  });

  test('a SUPPORT admin on an account page sees no link: it can only send one to the email', async () => {
    const support = await openPage(browser, product.baseUrl);
    const { page } = support;
    await signInAdmin(page, SUPPORT.username, SUPPORT.password);
    await page.goto('/admin/accounts/frank');
    const send = page.getByRole('button', { name: 'Send reset email' });
    await send.waitFor();
    assert.equal(await page.getByRole('button', { name: 'Copy reset link' }).count(), 0);
    await send.click();
    await page.getByText('A reset link was emailed to frank@example.test').waitFor();
    assert.doesNotMatch(await page.content(), /reset\?token=/, 'no link on the page');
    const mail = await product.smtp.waitForMessage((m) => m.to.includes('frank@example.test'));
    assert.match(decodeMailText(mail.raw), /\/portal\/reset\?token=/);
    // The API refuses SUPPORT the link itself.
    const copy = await apiFromPage<{ error: { code: string } }>(page, 'POST', '/api/v1/accounts/frank/reset-link');
    assert.equal(copy.status, 403);
    // Without an email there is nothing to send to.
    await page.goto('/admin/accounts/gina');
    assert.equal(await page.getByRole('button', { name: 'Send reset email' }).isDisabled(), true);
    // Only the refused copy probed above may show up as a console error.
    assert.deepEqual(support.consoleErrors.filter((e) => !/403/.test(e)), []);
    await support.context.close();
  });

  test('the owner copies a link from the account page', async () => {
    const { page } = owner;
    await page.goto('/admin/accounts/gina');
    await page.getByRole('button', { name: 'Copy reset link' }).click();
    const shown = await page.locator('code', { hasText: '/portal/reset?token=' }).textContent();
    assert.ok(shown?.startsWith(`${product.baseUrl}/portal/reset?token=`), `link shown: ${shown}`);
  });

  test('an admin who forgot the password resets it from the sign-in page', async () => {
    const visitor = await openPage(browser, product.baseUrl);
    const { page } = visitor;
    await page.goto('/login');
    await page.getByRole('link', { name: 'Forgot password?' }).click();
    await page.getByLabel('Username or email').fill(OWNER.email);
    await page.getByRole('button', { name: 'Send reset link' }).click();
    await page.getByText('Check your email').waitFor();
    const mail = await product.smtp.waitForMessage((m) => m.to.includes(OWNER.email));
    const link = /https?:\/\/\S+\/reset-password\?token=[\w%.-]+/.exec(decodeMailText(mail.raw))?.[0];
    assert.ok(link && link.startsWith(product.baseUrl), `no admin reset link in the email:\n${mail.raw}`);

    const fresh = 'violet compass meadow 3391';
    await page.goto(link);
    await page.getByLabel('New password', { exact: true }).fill(fresh);
    await page.getByLabel('Repeat the new password').fill(fresh);
    await page.getByRole('button', { name: 'Set new password' }).click();
    await page.getByText('Password changed').waitFor();
    await page.goto(link);
    await page.getByText('This reset link cannot be used').waitFor();
    await signInAdmin(page, OWNER.username, fresh);
    await visitor.context.close();
  });
});
