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
  await a.end({ isCommitted: false, bytesWritten: 400, finalSize: 0, replacedSize: 0, isNewFile: true });
  await b.end({ isCommitted: true, bytesWritten: 600, finalSize: 600, replacedSize: 0, isNewFile: true });
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
  await overwrite.end({ isCommitted: false, bytesWritten: 950, finalSize: 900, replacedSize: 0, isNewFile: false });
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
  await one.end({ isCommitted: true, bytesWritten: 40, finalSize: 40, replacedSize: 0, isNewFile: true });
  two.take(45);
  await two.end({ isCommitted: true, bytesWritten: 45, finalSize: 45, replacedSize: 0, isNewFile: true });
  // 2 of 2 files is 100 %: both levels crossed in one step, one warning for the higher one.
  assert.deepEqual(warnings.map((w) => w.percent), [95]);
  await h.onRemoved?.({ path: '/2', bytes: 45, files: 1 });
  assert.equal(l.usedFiles, 1);
  await assert.rejects(h.checkAllocation?.(61) ?? Promise.resolve(), { code: 552 });
  await h.checkAllocation?.(60);
});

test('the commit charges what it really replaces: a target renamed away mid-upload costs the whole file', async () => {
  const l = ledger(10_000);
  l.usedBytes = 8000;
  l.usedFiles = 1;
  // Overwriting an 8000-byte file: the first 8000 bytes are covered by the file they replace.
  const upload = await l.handler().openUpload({ path: '/big', previousSize: 8000, isNewFile: false, offset: 0 });
  assert.equal(upload.take(8000), true);
  assert.equal(l.reservedBytes, 0);
  // Meanwhile the target was renamed away: at commit nothing is replaced, 8000 new bytes would
  // bring usage to 16000 of 10000.
  assert.equal(upload.settle?.({ finalSize: 8000, replacedSize: 0, isNewFile: true }), false);
  await upload.end({ isCommitted: false, bytesWritten: 8000, finalSize: 8000, replacedSize: 0, isNewFile: true });
  assert.equal(l.usedBytes, 8000);
  assert.equal(l.reservedBytes, 0);
  // Where it fits, the commit is charged by what was measured then, file count included.
  const small = await l.handler().openUpload({ path: '/small', previousSize: 500, isNewFile: false, offset: 0 });
  assert.equal(small.take(1000), true);
  assert.equal(small.settle?.({ finalSize: 1000, replacedSize: 0, isNewFile: true }), true);
  await small.end({ isCommitted: true, bytesWritten: 1000, finalSize: 1000, replacedSize: 0, isNewFile: true });
  assert.equal(l.usedBytes, 9000);
  assert.equal(l.usedFiles, 2);
});

test('usage never goes below zero', async () => {
  const l = ledger(1000);
  l.usedBytes = 100;
  await l.handler().onRemoved?.({ path: '/x', bytes: 5000, files: 3 });
  assert.equal(l.usedBytes, 0);
  assert.equal(l.usedFiles, 0);
});
