// The customer portal: signing in with the FTP credentials, changing the password (checked over
// real FTP), and the forgotten-password flow through a real SMTP sink.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { skipUnless } from '../scripts/test-support.ts';
import { CHROMIUM_PATH, openPage, type WatchedPage } from './support/browser.ts';
import type { Product } from './support/product.ts';
import { createAccountInUi, signInCustomer, startPanelAsOwner, type OwnerPanel } from './support/panel.ts';
import { canFtpLogin } from './support/ftp.ts';
import { decodeMailText } from './support/smtp-sink.ts';

const skip = skipUnless(existsSync(CHROMIUM_PATH), 'Chromium');

describe('customer portal', { skip, timeout: 600_000 }, () => {
  let panel: OwnerPanel;
  let product: Product;
  let browser: Browser;
  let admin: WatchedPage;

  before(async () => {
    panel = await startPanelAsOwner();
    ({ product, browser, owner: admin } = panel);
    await createAccountInUi(admin.page, { username: 'dave', password: 'dave-first-password-77', email: 'dave@example.test' });
    await createAccountInUi(admin.page, { username: 'erin', password: 'erin-first-password-88', email: 'erin@example.test' });
  });
  after(async () => {
    await panel?.stop();
  });

  test('the customer changes their password; over FTP the old one fails and the new one works', async () => {
    const customer = await openPage(browser, product.baseUrl, { width: 375, height: 812 });
    const { page } = customer;
    await signInCustomer(page, 'dave', 'dave-first-password-77');
    await page.getByRole('heading', { name: 'Hello, dave' }).waitFor();
    await page.getByText('Storage', { exact: true }).waitFor();
    await page.getByText('FileZilla (Site Manager)').waitFor();

    // A weak password is refused by the server; its message appears next to the field.
    await page.getByLabel('Current password').fill('dave-first-password-77');
    await page.getByLabel('New password', { exact: true }).fill('password');
    await page.getByLabel('Repeat the new password').fill('password');
    await page.getByRole('button', { name: 'Change password' }).click();
    const fieldError = page.locator('#newPassword-error');
    await fieldError.waitFor();
    assert.ok(((await fieldError.textContent()) ?? '').length > 5);

    const newPassword = 'blue kettle orbit marble 93';
    await page.getByLabel('New password', { exact: true }).fill(newPassword);
    await page.getByLabel('Repeat the new password').fill(newPassword);
    await page.getByTestId('password-strength').waitFor();
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Password changed.').waitFor();

    assert.equal(await canFtpLogin(product, 'dave', 'dave-first-password-77'), false, 'the old password still works over FTP');
    assert.equal(await canFtpLogin(product, 'dave', newPassword), true, 'the new password does not work over FTP');
    const errors = customer.consoleErrors.filter((e) => !/HTTP 400|status of 400/.test(e));
    assert.deepEqual(errors, []);
    await customer.context.close();
  });

  test('forgotten password: email link from the SMTP sink sets a new password that signs in', async () => {
    const customer = await openPage(browser, product.baseUrl);
    const { page } = customer;
    await page.goto('/portal/login');
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.getByLabel('Username or email').fill('erin@example.test');
    await page.getByRole('button', { name: 'Send reset link' }).click();
    await page.getByText('Check your email').waitFor();

    const mail = await product.smtp.waitForMessage((m) => m.to.includes('erin@example.test'));
    const link = /https?:\/\/\S+\/portal\/reset\?token=[\w%.-]+/.exec(decodeMailText(mail.raw))?.[0];
    assert.ok(link, `no reset link in the email:\n${mail.raw}`);
    assert.ok(link.startsWith(product.baseUrl), `link points elsewhere: ${link}`);

    const newPassword = 'quiet harbor lantern 5150';
    await page.goto(link);
    await page.getByLabel('New password', { exact: true }).fill(newPassword);
    await page.getByLabel('Repeat the new password').fill(newPassword);
    await page.getByRole('button', { name: 'Set new password' }).click();
    await page.getByText('Password changed').waitFor();

    // The link works once.
    await page.goto(link);
    await page.getByText('This reset link cannot be used').waitFor();

    await signInCustomer(page, 'erin', newPassword);
    await page.getByRole('heading', { name: 'Hello, erin' }).waitFor();
    assert.equal(await canFtpLogin(product, 'erin', newPassword), true);
    assert.deepEqual(customer.consoleErrors, []);
    await customer.context.close();
  });
});
