import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../app.ts';
import { createTestApp, type TestApp } from '../test-support.ts';
import { routeDashboard } from '../web.ts';
import { API_TAGS } from './openapi.ts';

type Operation = { operationId?: string; summary?: string; tags?: string[]; responses?: Record<string, { description?: string; content?: Record<string, { schema?: { $ref?: string } }> }> };
type Spec = { paths: Record<string, Record<string, Operation>> };

function operationsOf(spec: Spec): { name: string; op: Operation }[] {
  return Object.entries(spec.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ name: `${method.toUpperCase()} ${path}`, op })));
}

describe('OpenAPI and docs', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp('sqlite');
  });
  after(() => t.close());

  test('/api/openapi.json describes every /api/v1 route', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    assert.equal(response.statusCode, 200);
    const spec = response.json();
    assert.match(spec.openapi, /^3\./);
    const documented = new Set<string>();
    for (const [path, ops] of Object.entries(spec.paths as Record<string, Record<string, unknown>>)) {
      for (const method of Object.keys(ops)) documented.add(`${method.toUpperCase()} ${path}`);
    }
    const routes = t.app.registeredRoutes.filter((r) => r.url.startsWith('/api/v1/') && r.method !== 'HEAD');
    for (const r of routes) {
      const path = r.url.replace(/:(\w+)/g, '{$1}');
      assert.ok(documented.has(`${r.method} ${path}`), `${r.method} ${path} is documented`);
    }
    assert.ok(!response.body.includes('passwordHash'));
  });

  test('every operation has a unique camelCase operationId, a summary, known tags and described answers', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as Spec;
    const tags = new Set<string>(API_TAGS.map((tag) => tag.name));
    const seen = new Map<string, string>();
    const operations = operationsOf(spec);
    assert.ok(operations.length > 40, `${operations.length} operations`);
    for (const { name, op } of operations) {
      assert.match(op.operationId ?? '', /^[a-z][a-zA-Z0-9]*$/, `${name} has a camelCase operationId`);
      const id = op.operationId as string;
      assert.equal(seen.get(id), undefined, `${name} and ${seen.get(id)} share operationId ${id}`);
      seen.set(id, name);
      assert.ok(op.summary && op.summary.length > 5, `${name} has a summary`);
      assert.ok(op.tags && op.tags.length > 0, `${name} has tags`);
      for (const tag of op.tags ?? []) assert.ok(tags.has(tag), `${name}: tag ${tag} is one of API_TAGS`);
      const responses = Object.entries(op.responses ?? {});
      assert.ok(responses.some(([status]) => /^2\d\d$/.test(status)), `${name} describes its success`);
      assert.ok(responses.some(([status]) => status === '500'), `${name} describes 500`);
      for (const [status, answer] of responses) {
        assert.match(status, /^[2-5]\d\d$/, `${name}: ${status} is one status, not a range`);
        assert.ok(answer.description && answer.description !== 'Default Response', `${name} ${status} has a description`);
        if (Number(status) >= 400) {
          assert.equal(answer.content?.['application/json']?.schema?.$ref, '#/components/schemas/ErrorResponse', `${name} ${status} is ErrorResponse`);
        }
      }
    }
  });

  test('only /api paths are documented, also when the dashboard is mounted', async () => {
    const app = await buildApp(t.ctx);
    try {
      routeDashboard(app, async (_request, reply) => reply.send('page'));
      await app.ready();
      assert.equal((await app.inject({ method: 'GET', url: '/accounts' })).body, 'page');
      const spec = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as Spec;
      const outside = Object.keys(spec.paths).filter((path) => !path.startsWith('/api/'));
      assert.deepEqual(outside, []);
    } finally {
      await app.close();
    }
  });

  test('/api/docs serves the Swagger UI from bundled assets (no CDN)', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    assert.equal(page.statusCode, 200);
    assert.match(page.headers['content-type'] as string, /html/);
    assert.doesNotMatch(page.body, /https?:\/\/(cdn|unpkg|cdnjs)/);
    const script = await t.app.inject({ method: 'GET', url: '/api/docs/static/swagger-ui-bundle.js' });
    assert.equal(script.statusCode, 200);
  });
});
