// listAccounts runs one raw SQL query: every filter and sort must give what the model API gave
// (the reference below is the former Prisma implementation), on SQLite and PostgreSQL.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDb, testProviders, type TestDb } from '../testing.ts';
import type { Prisma } from '../generated/sqlite/client.ts';
import type { PrismaDb } from '../client.ts';
import { createAccount, findAccountByUsername, listAccounts, toAccount, updateAccount, type AccountListQuery } from './accounts.ts';

async function referenceList(db: PrismaDb, q: AccountListQuery): Promise<{ items: unknown[]; total: number }> {
  const where: Prisma.AccountWhereInput = {};
  if (q.status) where.status = q.status;
  if (q.search) where.OR = [{ username: { contains: q.search } }, { email: { contains: q.search } }, { note: { contains: q.search } }];
  if (q.isOverQuota) {
    const rows = await db.$queryRawUnsafe<{ id: string }[]>(
      'SELECT id FROM account WHERE (quota_bytes > 0 AND used_bytes >= quota_bytes) OR (quota_files > 0 AND used_files >= quota_files)',
    );
    where.id = { in: rows.map((r) => r.id) };
  }
  const rows = await db.account.findMany({
    where,
    orderBy: [{ [q.sort ?? 'username']: q.order ?? 'asc' }, { id: 'asc' }],
    skip: q.offset ?? 0,
    take: q.limit ?? 50,
  });
  return { items: rows.map(toAccount), total: await db.account.count({ where }) };
}

const SORTS = ['username', 'createdAt', 'lastLoginAt', 'usedBytes'] as const;
const FILTERS: AccountListQuery[] = [
  {},
  { status: 'ACTIVE' },
  { status: 'DISABLED' },
  { isOverQuota: true },
  { search: 'shop' },
  { search: 'Shop' },
  { search: 'example.org' },
  { search: 'vip' },
  { search: 'nobody-matches-this' },
  { search: 'shop', status: 'ACTIVE', isOverQuota: true },
];

for (const { provider, skip } of await testProviders()) {
  describe(`listAccounts on ${provider}`, { skip }, () => {
    let t: TestDb;
    before(async () => {
      t = await createTestDb(provider);
      for (let i = 0; i < 24; i++) {
        const username = `${i % 3 === 0 ? 'shop' : i % 3 === 1 ? 'Shop' : 'blog'}-${String(i).padStart(2, '0')}`;
        await createAccount(t.prisma, {
          username,
          passwordHash: 'not-a-real-hash',
          homeDir: username,
          email: i % 4 === 0 ? null : `${username}@example.${i % 2 ? 'org' : 'com'}`,
          status: i % 5 === 0 ? 'DISABLED' : 'ACTIVE',
          quotaBytes: i % 2 ? 1000 : 0,
          quotaFiles: i % 7 === 0 ? 10 : 0,
          note: i % 6 === 0 ? 'VIP customer' : '',
          requireTls: i % 2 === 0,
          allowedCidrs: i === 3 ? ['10.0.0.0/8'] : [],
          expiresAt: i === 5 ? new Date('2031-01-02T03:04:05.678Z') : null,
        });
        await t.prisma.account.update({
          where: { username },
          data: {
            // ties on purpose: the id decides
            usedBytes: BigInt((i % 4) * 400 + (i === 9 ? 5 * 1024 ** 4 : 0)),
            usedFiles: i % 7 === 0 ? 10 : 0,
            lastLoginAt: i % 3 === 2 ? null : new Date(Date.UTC(2030, 0, 1 + (i % 5))),
          },
        });
      }
      await updateAccount(t.prisma, 'shop-00', { note: '100%_sure \\ literal' });
    });
    after(async () => {
      await t?.cleanup();
    });

    test('every filter and sort matches the model API, pages included', async () => {
      for (const filter of FILTERS) {
        for (const sort of SORTS) {
          for (const order of ['asc', 'desc'] as const) {
            for (const [offset, limit] of [[0, 50], [0, 5], [5, 5], [20, 50], [100, 10]] as const) {
              const q = { ...filter, sort, order, offset, limit };
              const label = JSON.stringify(q);
              const [actual, expected] = await Promise.all([listAccounts(t.prisma, q), referenceList(t.prisma, q)]);
              assert.equal(actual.total, expected.total, label);
              assert.deepEqual(actual.items, expected.items, label);
            }
          }
        }
      }
    });

    test('domain values: numbers, lists, booleans and dates as findAccountByUsername gives them', async () => {
      for (const username of ['shop-03', 'blog-05', 'shop-09']) {
        const { items } = await listAccounts(t.prisma, { search: username });
        assert.deepEqual(items, [await findAccountByUsername(t.prisma, username)]);
      }
      const [big] = (await listAccounts(t.prisma, { sort: 'usedBytes', order: 'desc', limit: 1 })).items;
      assert.equal(big?.usedBytes, 5 * 1024 ** 4 + 400);
      assert.equal(typeof big?.usedBytes, 'number');
    });

    test('search is literal: %, _ and \\ match themselves', async () => {
      assert.deepEqual((await listAccounts(t.prisma, { search: '100%_sure \\' })).items.map((a) => a.username), ['shop-00']);
      assert.equal((await listAccounts(t.prisma, { search: '%' })).total, 1);
      assert.equal((await listAccounts(t.prisma, { search: 'shop_0' })).total, 0);
    });

    test('a page past the end still reports the total', async () => {
      const page = await listAccounts(t.prisma, { status: 'ACTIVE', offset: 1000 });
      assert.deepEqual(page.items, []);
      assert.equal(page.total, (await referenceList(t.prisma, { status: 'ACTIVE' })).total);
    });
  });
}
