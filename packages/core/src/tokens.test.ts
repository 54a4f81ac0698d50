import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDb, testProviders, type TestDb } from '@ftp-panel/db/testing';
import { listAuditEntries } from '@ftp-panel/db';
import { DomainError } from './errors.ts';
import { authenticateApiToken, createApiTokenSecret, issueApiToken, listApiTokens, revokeApiToken } from './tokens.ts';
import { sha256 } from './bootstrap.ts';

test('token secrets: ftpp_ prefix, 256 random bits, SHA-256 stored, short display prefix', () => {
  const a = createApiTokenSecret();
  const b = createApiTokenSecret();
  assert.match(a.secret, /^ftpp_[A-Za-z0-9_-]{43}$/);
  assert.notEqual(a.secret, b.secret);
  assert.equal(a.hash, sha256(a.secret));
  assert.ok(a.secret.startsWith(a.prefix) && a.prefix.length < 16);
});

for (const { provider, skip } of await testProviders()) {
  describe(`api tokens (${provider})`, { skip }, () => {
    let db: TestDb;
    before(async () => {
      db = await createTestDb(provider);
    });
    after(async () => {
      await db?.cleanup();
    });

    test('issue, authenticate, revoke; the secret is never stored', async () => {
      const ctx = { db: db.prisma, actor: { type: 'CLI' as const, name: 'tester' } };
      const { token, secret } = await issueApiToken(ctx, { name: 'billing', scopes: ['accounts:write', 'accounts:read'] });
      assert.deepEqual(token.scopes, ['accounts:read', 'accounts:write']);
      const rows = await db.prisma.apiToken.findMany();
      assert.ok(!JSON.stringify(rows).includes(secret));
      assert.ok(!JSON.stringify((await listAuditEntries(db.prisma)).items).includes(secret));

      const found = await authenticateApiToken(db.prisma, secret);
      assert.equal(found?.id, token.id);
      assert.ok(found?.lastUsedAt);
      assert.equal(await authenticateApiToken(db.prisma, `${secret}x`), null);
      assert.equal(await authenticateApiToken(db.prisma, 'not-a-token'), null);

      await revokeApiToken(ctx, token.id);
      assert.equal(await authenticateApiToken(db.prisma, secret), null);
      await assert.rejects(revokeApiToken(ctx, token.id), (e: unknown) => e instanceof DomainError && e.code === 'TOKEN_NOT_FOUND');
      assert.equal((await listApiTokens(ctx)).length, 1);
    });

    test('expired tokens are refused; bad scopes and past expiry are validation errors', async () => {
      const ctx = { db: db.prisma };
      const { token, secret } = await issueApiToken(ctx, { name: 'short', scopes: ['logs:read'], expiresAt: new Date(Date.now() + 60_000) });
      assert.ok(await authenticateApiToken(db.prisma, secret));
      assert.equal(await authenticateApiToken(db.prisma, secret, new Date(Date.now() + 120_000)), null);
      assert.equal(token.createdById, null);
      const invalid = (e: unknown, field: string) => e instanceof DomainError && e.code === 'VALIDATION_FAILED' && e.details.some((d) => d.field === field);
      await assert.rejects(issueApiToken(ctx, { name: 'x', scopes: ['accounts:read', 'root'] }), (e) => invalid(e, 'scopes'));
      await assert.rejects(issueApiToken(ctx, { name: 'x', scopes: [] }), (e) => invalid(e, 'scopes'));
      await assert.rejects(issueApiToken(ctx, { name: ' ', scopes: ['logs:read'] }), (e) => invalid(e, 'name'));
      await assert.rejects(issueApiToken(ctx, { name: 'x', scopes: ['logs:read'], expiresAt: '2001-01-01' }), (e) => invalid(e, 'expiresAt'));
    });
  });
}
