// The "Active bans" card counts every ban in force (the API's total), not the bans on one fetched
// page, and says when its list shows only the newest of them (issue 11: "the active-bans count is
// right with 60 bans").
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { skipUnless } from '../scripts/test-support.ts';
import { CHROMIUM_PATH, type WatchedPage } from './support/browser.ts';
import { apiFromPage, startPanelAsOwner, type OwnerPanel } from './support/panel.ts';

const skip = skipUnless(existsSync(CHROMIUM_PATH), 'Chromium');

type Ban = { id: string; ip: string; isActive: boolean };

/** Adds bans through the API from the signed-in page, a few requests at a time. */
async function addBans(page: Page, bans: { ip: string; durationSec?: number }[]): Promise<Ban[]> {
  const results = await page.evaluate(async (bans) => {
    const session = await (await fetch('/api/v1/auth/session')).json();
    const out: { status: number; body: string }[] = [];
    for (let i = 0; i < bans.length; i += 10) {
      const batch = bans.slice(i, i + 10).map(async (ban) => {
        const res = await fetch('/api/v1/bans', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken ?? '' },
          body: JSON.stringify({ ...ban, reason: 'e2e active-bans count' }),
        });
        return { status: res.status, body: await res.text() };
      });
      out.push(...(await Promise.all(batch)));
    }
    return out;
  }, bans);
  for (const r of results) assert.equal(r.status, 201, r.body);
  return results.map((r) => JSON.parse(r.body) as Ban);
}

/** TEST-NET addresses (RFC 5737), never the test's own 127.0.0.1. */
const addresses = (prefix: string, from: number, count: number) => Array.from({ length: count }, (_, i) => ({ ip: `${prefix}.${from + i}` }));

async function activeBansTitle(page: Page): Promise<string> {
  await page.goto('/admin/security');
  const title = page.getByRole('heading', { level: 2, name: /^Active bans/ });
  await title.waitFor();
  return ((await title.textContent()) ?? '').trim();
}

async function overviewActiveBans(page: Page): Promise<string> {
  await page.goto('/admin');
  // Next may keep an earlier render of a page hidden in the document: only the visible one counts.
  const tile = page.locator('div.card').filter({ visible: true, has: page.getByText('Active bans', { exact: true }) });
  await tile.waitFor();
  return ((await tile.locator('p').nth(1).textContent()) ?? '').trim();
}

describe('active bans count', { skip, timeout: 300_000 }, () => {
  let panel: OwnerPanel;
  let admin: WatchedPage;

  before(async () => {
    panel = await startPanelAsOwner();
    admin = panel.owner;
  });
  after(async () => {
    await panel?.stop();
  });

  test('60 bans in force and 5 lifted or expired: the card and the overview say 60', async () => {
    const { page } = admin;
    // Two that expire after a second, three lifted, then the 60 in force (the newest).
    await addBans(page, [{ ip: '198.51.100.1', durationSec: 1 }, { ip: '198.51.100.2', durationSec: 1 }]);
    const toLift = await addBans(page, addresses('198.51.100', 3, 3));
    const liftStatuses = await page.evaluate(async (ids) => {
      const session = await (await fetch('/api/v1/auth/session')).json();
      const statuses: number[] = [];
      // No body, so no content-type (an empty JSON body is refused).
      for (const id of ids) statuses.push((await fetch(`/api/v1/bans/${encodeURIComponent(id)}`, { method: 'DELETE', headers: { 'x-csrf-token': session.csrfToken ?? '' } })).status);
      return statuses;
    }, toLift.map((b) => b.id));
    assert.deepEqual(liftStatuses, [204, 204, 204]);
    await addBans(page, addresses('203.0.113', 1, 60));
    await new Promise((r) => setTimeout(r, 1500)); // the two short bans have expired

    const all = await apiFromPage<{ total: number }>(page, 'GET', '/api/v1/bans?pageSize=1');
    assert.equal(all.body.total, 65, 'the API should list all 65 bans');

    assert.equal(await activeBansTitle(page), 'Active bans (60)');
    assert.equal(await page.getByText(/^Showing the newest/).filter({ visible: true }).count(), 0, 'all 60 are listed, so no "newest" note');
    assert.equal(await page.getByRole('button', { name: /^Lift the ban on / }).count(), 60);
    assert.equal(await overviewActiveBans(page), '60');
  });

  test('130 bans in force: the card says 130 and lists the newest 100', async () => {
    const { page } = admin;
    await addBans(page, addresses('203.0.113', 61, 70));

    assert.equal(await activeBansTitle(page), 'Active bans (130)');
    await page.getByText('Showing the newest 100.', { exact: true }).filter({ visible: true }).waitFor();
    assert.equal(await page.getByRole('button', { name: /^Lift the ban on / }).count(), 100);
    assert.equal(await overviewActiveBans(page), '130');
  });

  test('no console errors', () => {
    assert.deepEqual(admin.consoleErrors, []);
  });
});
