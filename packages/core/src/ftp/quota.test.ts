import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Account, PrismaDb } from '@ftp-panel/db';
import { QuotaLedger } from './quota.ts';
import type { QuotaWarning } from './quota.ts';

// The ledger's arithmetic without a database: reads find nothing, increments succeed.
const STUB_DB = {
  account: { findUnique: async () => null, updateMany: async () => ({ count: 1 }) },
} as unknown as PrismaDb;

function ledger(quotaBytes: number, quotaFiles = 0, warnings: QuotaWarning[] = []): QuotaLedger {
  const account = { id: 'a1', username: 'u', quotaBytes, quotaFiles, usedBytes: 0, usedFiles: 0 } as Account;
  return new QuotaLedger({ account, db: STUB_DB, disk: { check: async () => {} }, onWarning: (w) => warnings.push(w) });
}

test('parallel uploads: the one that fails frees its reservation at once', async () => {
  const l = ledger(1000);
  const handler = l.handler();
  const a = await handler.openUpload({ path: '/a', previousSize: 0, isNewFile: true, offset: 0 });
  const b = await handler.openUpload({ path: '/b', previousSize: 0, isNewFile: true, offset: 0 });
  assert.equal(a.take(400), true);
  assert.equal(b.take(400), true);
  assert.equal(a.take(300), false, 'a would pass the limit');
  assert.equal(l.reservedBytes, 400, 'only b still holds space');
  assert.equal(b.take(200), true);
  assert.equal(a.take(1), false, 'a stays refused');
  await a.end({ isCommitted: false, bytesWritten: 400, finalSize: 0, replacedSize: 0 });
  await b.end({ isCommitted: true, bytesWritten: 600, finalSize: 600, replacedSize: 0 });
  assert.equal(l.reservedBytes, 0);
  assert.equal(l.reservedFiles, 0);
  assert.equal(l.usedBytes, 600);
  assert.equal(l.usedFiles, 1);
});

test('overwriting costs only the growth; resume keeps the bytes before the offset', async () => {
  const l = ledger(1000);
  l.usedBytes = 900;
  l.usedFiles = 1;
  const overwrite = await l.handler().openUpload({ path: '/f', previousSize: 900, isNewFile: false, offset: 0 });
  assert.equal(overwrite.take(950), true);
  assert.equal(overwrite.take(100), false);
  await overwrite.end({ isCommitted: false, bytesWritten: 950, finalSize: 900, replacedSize: 0 });
  const resume = await l.handler().openUpload({ path: '/f', previousSize: 900, isNewFile: false, offset: 900 });
  assert.equal(resume.take(100), true);
  assert.equal(resume.take(1), false);
});

test('file quota and warnings once per crossing', async () => {
  const warnings: QuotaWarning[] = [];
  const l = ledger(100, 2, warnings);
  const h = l.handler();
  const one = await h.openUpload({ path: '/1', previousSize: 0, isNewFile: true, offset: 0 });
  const two = await h.openUpload({ path: '/2', previousSize: 0, isNewFile: true, offset: 0 });
  await assert.rejects(h.openUpload({ path: '/3', previousSize: 0, isNewFile: true, offset: 0 }), { code: 552 });
  one.take(40);
  await one.end({ isCommitted: true, bytesWritten: 40, finalSize: 40, replacedSize: 0 });
  two.take(45);
  await two.end({ isCommitted: true, bytesWritten: 45, finalSize: 45, replacedSize: 0 });
  // 2 of 2 files is 100 %: both levels crossed in one step, one warning for the higher one.
  assert.deepEqual(warnings.map((w) => w.percent), [95]);
  await h.onRemoved?.({ path: '/2', bytes: 45, files: 1 });
  assert.equal(l.usedFiles, 1);
  await assert.rejects(h.checkAllocation?.(61) ?? Promise.resolve(), { code: 552 });
  await h.checkAllocation?.(60);
});
