// Webhook targets inside the panel's network are refused when subscribing (a validation error
// naming `url`), for literal addresses and for names that resolve there, unless the setting
// isWebhookPrivateTargetAllowed is on.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { updateServerSettings } from '@ftp-panel/db';
import { createTestDb, testProviders, type TestDb } from '@ftp-panel/db/testing';
import { DomainError } from '../errors.ts';
import { createWebhookSubscription, deleteWebhookSubscription, updateWebhookSubscription } from './subscriptions.ts';
import { blockedAddressKind, type WebhookResolver } from './target.ts';

test('address kinds: inside ranges of both families, IPv4-mapped forms, public addresses', () => {
  const inside: [string, string][] = [
    ['127.0.0.1', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.31.255.1', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['100.64.0.1', 'shared (CGNAT)'],
    ['0.1.2.3', 'this-network'],
    ['224.0.0.251', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'link-local'],
    ['fd12:3456::1', 'unique-local'],
    ['fc00::1', 'unique-local'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:a9fe:a9fe', 'link-local'],
    ['[::ffff:10.0.0.1]', 'private'],
  ];
  for (const [ip, kind] of inside) assert.equal(blockedAddressKind(ip), kind, ip);
  for (const ip of ['8.8.8.8', '192.0.2.10', '172.32.0.1', '100.128.0.1', '2001:db8::1', '2606:4700::1111', '::ffff:8.8.8.8']) assert.equal(blockedAddressKind(ip), null, ip);
});

for (const { provider, skip } of await testProviders()) {
  describe(`webhook targets when subscribing (${provider})`, { skip }, () => {
    let db: TestDb;
    before(async () => {
      db = await createTestDb(provider);
    });
    after(() => db.cleanup());

    const names: Record<string, string[]> = { 'inside.example.test': ['10.1.2.3'], 'mixed.example.test': ['192.0.2.20', 'fd00::5'], 'public.example.test': ['192.0.2.30'] };
    const resolve: WebhookResolver = async (name) => {
      const answers = names[name];
      if (!answers) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
      return answers.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
    };
    const refusal = async (url: string): Promise<DomainError | null> => {
      try {
        const { webhook } = await createWebhookSubscription({ db: db.prisma, resolve }, { url, events: ['ban.lifted'] });
        await deleteWebhookSubscription({ db: db.prisma }, webhook.id);
        return null;
      } catch (e) {
        if (e instanceof DomainError) return e;
        throw e;
      }
    };

    const INSIDE = [
      'http://127.0.0.1/hook',
      'http://10.0.0.1/',
      'http://[::1]/',
      'http://[::ffff:127.0.0.1]:8080/',
      'http://169.254.169.254/latest/meta-data/',
      'https://[fe80::1]/',
      'http://localhost:9/', // the system resolver: localhost is loopback
      'http://inside.example.test/',
      'http://mixed.example.test/', // one inside answer among public ones is enough
    ];

    test('with the setting off (the default): inside targets are refused naming url; public ones and unknown names pass', async () => {
      for (const url of INSIDE) {
        const ctx = url.includes('localhost') ? { db: db.prisma } : { db: db.prisma, resolve };
        let error: unknown = null;
        try {
          await createWebhookSubscription(ctx, { url, events: ['ban.lifted'] });
        } catch (e) {
          error = e;
        }
        assert.ok(error instanceof DomainError, `${url} was accepted`);
        assert.equal(error.code, 'VALIDATION_FAILED', url);
        assert.deepEqual(
          error.details.map((d) => d.field),
          ['url'],
          url,
        );
        assert.match(error.message, /public addresses only/, url);
      }
      for (const url of ['https://192.0.2.10/hook', 'https://public.example.test/', 'https://unknown.example.test/']) assert.equal(await refusal(url), null, url);

      // A change of URL goes through the same check.
      const { webhook } = await createWebhookSubscription({ db: db.prisma, resolve }, { url: 'https://public.example.test/', events: ['ban.lifted'] });
      await assert.rejects(updateWebhookSubscription({ db: db.prisma, resolve }, webhook.id, { url: 'http://10.0.0.1/' }), (e: DomainError) => e.details[0]?.field === 'url');
      await deleteWebhookSubscription({ db: db.prisma }, webhook.id);
    });

    test('with isWebhookPrivateTargetAllowed on, inside targets are accepted', async () => {
      await updateServerSettings(db.prisma, { isWebhookPrivateTargetAllowed: true });
      try {
        for (const url of INSIDE) assert.equal(await refusal(url), null, url);
      } finally {
        await updateServerSettings(db.prisma, { isWebhookPrivateTargetAllowed: false });
      }
    });
  });
}
