// One event catalogue (core) behind the SSE stream, the webhook schema and the OpenAPI document;
// the dashboard's own list (apps/web/src/lib/event-types.ts) must offer exactly what the API takes.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { EVENT_CATALOGUE, EVENT_TYPES, WEBHOOK_EVENT_TYPES } from '@ftp-panel/core';
import { testProviders } from '@ftp-panel/db/testing';
import * as web from '../../../web/src/lib/event-types.ts';
import { as, createTestApp, errorOf, seedAdmin, signIn, type Session, type TestApp } from '../test-support.ts';

type Schema = { enum?: string[]; items?: Schema; properties?: Record<string, Schema>; required?: string[]; oneOf?: Schema[]; discriminator?: { propertyName: string } };
type Operation = { requestBody?: { content: Record<string, { schema: Schema }> }; responses: Record<string, { content?: Record<string, { schema: Schema }> }> };
type OpenApi = { paths: Record<string, Record<string, Operation>> };

const sorted = (names: readonly string[]) => [...names].sort();

for (const { provider, skip } of await testProviders()) {
  describe(`event catalogue (${provider})`, { skip }, () => {
    let t: TestApp;
    let admin: Session;
    let openApi: OpenApi;
    before(async () => {
      t = await createTestApp(provider);
      await seedAdmin(t, 'integrator', 'ADMIN');
      admin = await signIn(t.app, 'integrator');
      openApi = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as OpenApi;
    });
    after(() => t.close());

    test('the OpenAPI enums are the core catalogue, and the dashboard offers exactly them', () => {
      const operation = (path: string, method: string): Operation => {
        const found = openApi.paths[path]?.[method];
        assert.ok(found, `${method.toUpperCase()} ${path} is in the OpenAPI document`);
        return found;
      };
      const subscribable = (op: Operation) => op.requestBody?.content['application/json']?.schema.properties?.events?.items?.enum ?? [];
      const create = subscribable(operation('/api/v1/webhooks', 'post'));
      const update = subscribable(operation('/api/v1/webhooks/{id}', 'patch'));
      const message = operation('/api/v1/events', 'get').responses['200']?.content?.['text/event-stream']?.schema;
      const streamed = (message?.oneOf ?? []).flatMap((variant) => variant.properties?.type?.enum ?? []);

      assert.deepEqual(sorted(create), sorted(WEBHOOK_EVENT_TYPES));
      assert.deepEqual(sorted(update), sorted(WEBHOOK_EVENT_TYPES));
      assert.deepEqual(sorted(streamed), sorted(EVENT_TYPES));
      assert.deepEqual(sorted(web.WEBHOOK_EVENT_TYPES), sorted(create), 'the webhook form offers exactly the events the API accepts');
      assert.deepEqual(sorted(web.EVENT_TYPES), sorted(streamed), 'the live stream listens to exactly the events the API sends');
    });

    test("every event type has its payload schema in the OpenAPI document: the catalogue's, with type and at", () => {
      const message = openApi.paths['/api/v1/events']?.get?.responses['200']?.content?.['text/event-stream']?.schema;
      assert.equal(message?.discriminator?.propertyName, 'type', 'one variant per event, told apart by type');
      const variants = message?.oneOf ?? [];
      assert.equal(variants.length, EVENT_TYPES.length, 'one variant per event type');
      for (const type of EVENT_TYPES) {
        const variant = variants.find((v) => v.properties?.type?.enum?.[0] === type);
        assert.ok(variant, `${type} has a payload schema`);
        const payload = EVENT_CATALOGUE[type].payload;
        assert.deepEqual(Object.keys(variant.properties ?? {}).sort(), sorted(['type', 'at', ...Object.keys(payload.properties)]), `${type}: the catalogue's fields`);
        const required = 'required' in payload ? payload.required : [];
        assert.deepEqual(sorted(variant.required ?? []), sorted(['type', 'at', ...required]), `${type}: the catalogue's required fields`);
      }
    });

    test('every event the dashboard offers can be subscribed; an unknown one is refused, naming the field', async () => {
      const url = 'https://hooks.example.test/ftp';
      const created = await as(t.app, admin, { method: 'POST', url: '/api/v1/webhooks', payload: { url, events: web.WEBHOOK_EVENT_TYPES } });
      assert.equal(created.statusCode, 201, created.body);
      const { webhook } = created.json() as { webhook: { id: string; events: string[] } };
      assert.deepEqual(sorted(webhook.events), sorted(web.WEBHOOK_EVENT_TYPES));
      const listed = (await as(t.app, admin, { method: 'GET', url: '/api/v1/webhooks' })).json() as { id: string; events: string[] }[];
      assert.deepEqual(sorted(listed.find((w) => w.id === webhook.id)?.events ?? []), sorted(web.WEBHOOK_EVENT_TYPES), 'kept as subscribed');

      for (const [method, path] of [['POST', '/api/v1/webhooks'], ['PATCH', `/api/v1/webhooks/${webhook.id}`]] as const) {
        const refused = await as(t.app, admin, { method, url: path, payload: { url, events: ['transfer.completed', 'file.deleted'] } });
        assert.equal(refused.statusCode, 400, `${method} ${refused.body}`);
        const error = errorOf(refused);
        assert.equal(error.code, 'VALIDATION_FAILED');
        assert.deepEqual(error.details.map((d) => d.field), ['events.1'], `${method} names the offending entry`);
      }
      const unchanged = (await as(t.app, admin, { method: 'GET', url: '/api/v1/webhooks' })).json() as { events: string[] }[];
      assert.equal(unchanged.length, 1, 'nothing was created by the refused request');
      assert.equal(unchanged[0]?.events.length, web.WEBHOOK_EVENT_TYPES.length, 'nothing was changed by the refused request');
    });
  });
}
