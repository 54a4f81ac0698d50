// "Generate a strong password": the field is filled in the browser, the copy button puts the same
// text on the clipboard, the account is created with it (the customer signs in with it); a weak
// password is refused and the policy's reason is shown next to the field.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { skipUnless } from '../scripts/test-support.ts';
import { CHROMIUM_PATH } from './support/browser.ts';
import { apiFromPage, startPanelAsOwner, type OwnerPanel } from './support/panel.ts';

const skip = skipUnless(existsSync(CHROMIUM_PATH), 'Chromium');

describe('password fields: generate, copy, refuse with the reason', { skip, timeout: 600_000 }, () => {
  let panel: OwnerPanel;

  before(async () => {
    panel = await startPanelAsOwner();
    await panel.owner.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: panel.product.baseUrl });
  });
  after(async () => {
    await panel?.stop();
  });

  test('account form: generate → copy → create; the customer signs in with the generated password', async () => {
    const { page } = panel.owner;
    await page.goto('/admin/accounts/new');
    await page.getByLabel('Username').fill('genuser');
    const field = page.getByLabel('Password', { exact: true });
    await page.getByRole('button', { name: 'Generate a strong password' }).click();
    const generated = await field.inputValue();
    assert.match(generated, /^[A-HJ-NP-Za-km-z2-9\-_!@#%+=]{20}$/);
    assert.equal(await field.getAttribute('type'), 'text', 'shown once generated, so it can be read');
    await page.getByRole('button', { name: 'Generate a strong password' }).click();
    const second = await field.inputValue();
    assert.notEqual(second, generated, 'each click makes a new one');
    await page.getByRole('button', { name: 'Copy password' }).click();
    await page.getByRole('button', { name: 'Copied' }).waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), second);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL('**/admin/accounts/genuser');
    const login = await page.evaluate(async (password) => {
      // credentials omitted: the customer's session cookie must not replace the owner's in this tab
      const res = await fetch('/api/v1/portal/login', { method: 'POST', credentials: 'omit', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'genuser', password }) });
      return res.status;
    }, second);
    assert.equal(login, 200, 'the account has the generated password');
    assert.deepEqual(panel.owner.consoleErrors, []);
  });

  test('admin form: a weak password shows the policy’s reason next to the field; a generated one is accepted', async () => {
    const { page } = panel.owner;
    await page.goto('/admin/admins');
    await page.getByLabel('Username').fill('helper');
    await page.getByLabel('Initial password').fill('password123');
    await page.getByRole('button', { name: 'Add administrator' }).click();
    const reason = page.locator('#admin-password-error');
    await reason.waitFor();
    const text = (await reason.textContent()) ?? '';
    assert.ok(text.length > 10, `a reason in words: "${text}"`);
    assert.equal(await page.getByLabel('Initial password').getAttribute('aria-invalid'), 'true');
    const admins = await apiFromPage<{ items: { username: string }[] } | { username: string }[]>(page, 'GET', '/api/v1/admins');
    assert.ok(!JSON.stringify(admins.body).includes('"helper"'), 'nothing was created');

    await page.getByRole('button', { name: 'Generate a strong password' }).click();
    await page.getByRole('button', { name: 'Add administrator' }).click();
    await page.getByText('helper can sign in now.').waitFor();
  });
});
