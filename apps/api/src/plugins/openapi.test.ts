import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../test-support.ts';

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

  test('/api/docs serves the Swagger UI from bundled assets (no CDN)', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    assert.equal(page.statusCode, 200);
    assert.match(page.headers['content-type'] as string, /html/);
    assert.doesNotMatch(page.body, /https?:\/\/(cdn|unpkg|cdnjs)/);
    const script = await t.app.inject({ method: 'GET', url: '/api/docs/static/swagger-ui-bundle.js' });
    assert.equal(script.statusCode, 200);
  });
});
