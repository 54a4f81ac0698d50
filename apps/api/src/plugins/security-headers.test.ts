// Security headers on an API answer, the event stream, the API docs and a dashboard page, with an
// http and an https PUBLIC_URL (HSTS only with https). The page needs the built dashboard
// (apps/web/.next); npm start and the e2e suite build it.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createEventBus, loadConfig } from '@ftp-panel/core';
import { createAdmin } from '@ftp-panel/db';
import { createTestDb, type TestDb } from '@ftp-panel/db/testing';
import { buildApp } from '../app.ts';
import { isWebBuilt, mountWeb } from '../web.ts';
import { signIn, TEST_HASHER, TEST_PASSWORD } from '../test-support.ts';

const COMMON = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
};

function assertCommon(headers: http.IncomingHttpHeaders | LightMyRequestResponse['headers'], isHttps: boolean, what: string): void {
  for (const [name, value] of Object.entries(COMMON)) assert.equal(headers[name], value, `${what}: ${name}`);
  const permissions = String(headers['permissions-policy'] ?? '');
  for (const feature of ['camera=()', 'microphone=()', 'geolocation=()']) assert.ok(permissions.includes(feature), `${what}: permissions-policy ${permissions}`);
  if (isHttps) assert.equal(headers['strict-transport-security'], 'max-age=31536000', `${what}: HSTS with an https PUBLIC_URL`);
  else assert.equal(headers['strict-transport-security'], undefined, `${what}: no HSTS with an http PUBLIC_URL`);
}

function directives(csp: unknown): Map<string, string[]> {
  assert.equal(typeof csp, 'string', 'a content-security-policy header');
  const out = new Map<string, string[]>();
  for (const part of (csp as string).split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) out.set(name, values);
  }
  return out;
}

for (const publicUrl of ['http://panel.test', 'https://panel.example.com']) {
  const isHttps = publicUrl.startsWith('https:');
  describe(`security headers with PUBLIC_URL=${publicUrl}`, () => {
    let db: TestDb;
    let app: FastifyInstance;
    let web: { close(): Promise<void> } | null = null;
    before(async () => {
      db = await createTestDb('sqlite');
      const config = loadConfig({ DATA_DIR: db.dataDir, PUBLIC_URL: publicUrl, FTP_ENABLED: 'false', LOG_LEVEL: 'silent' });
      app = await buildApp({ config, db, hasher: TEST_HASHER, bus: createEventBus() });
      if (isWebBuilt()) web = await mountWeb(app);
      await app.ready();
      await createAdmin(db.prisma, { username: 'ops', role: 'ADMIN', passwordHash: await TEST_HASHER.hash(TEST_PASSWORD) });
    });
    after(async () => {
      await app?.close();
      await web?.close();
      await db?.cleanup();
    });

    test('an API answer, its error answers and an unknown API path: all headers, a CSP that allows nothing', async () => {
      for (const url of ['/api/health', '/api/v1/accounts', '/api/v1/no-such-route', '/api/openapi.json']) {
        const res = await app.inject({ method: 'GET', url });
        assertCommon(res.headers, isHttps, url);
        assert.equal(res.headers['content-security-policy'], "default-src 'none'; frame-ancestors 'none'", url);
      }
      const bad = await app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/json' }, payload: '{not json' });
      assert.equal(bad.statusCode, 400);
      assertCommon(bad.headers, isHttps, 'unparsable body');
      assert.equal(bad.headers['content-security-policy'], "default-src 'none'; frame-ancestors 'none'");
    });

    test('the event stream (a hijacked reply) carries them too', async () => {
      const session = await signIn(app, 'ops');
      await app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = app.server.address() as AddressInfo;
      const headers = await new Promise<http.IncomingHttpHeaders>((resolve, reject) => {
        const req = http.get({ host: '127.0.0.1', port, path: '/api/v1/events', headers: { cookie: session.cookie } }, (res) => {
          assert.equal(res.statusCode, 200);
          resolve(res.headers);
          req.destroy();
        });
        req.on('error', reject);
      });
      assertCommon(headers, isHttps, 'SSE');
      assert.equal(headers['content-security-policy'], "default-src 'none'; frame-ancestors 'none'");
    });

    test('the API docs: same headers, a CSP that lets Swagger UI load its own assets and the document', async () => {
      const index = await app.inject({ method: 'GET', url: '/api/docs' });
      assert.equal(index.statusCode, 200);
      assertCommon(index.headers, isHttps, 'docs');
      const csp = directives(index.headers['content-security-policy']);
      assert.deepEqual(csp.get('script-src'), ["'self'"]);
      assert.deepEqual(csp.get('connect-src'), ["'self'"]);
      assert.deepEqual(csp.get('frame-ancestors'), ["'none'"]);
      // Its scripts are files (no inline script to allow).
      assert.doesNotMatch(index.body, /<script(?![^>]*\bsrc=)[^>]*>/);
      for (const url of ['/api/docs/', '/api/docs/static/index.html', '/api/docs/static/swagger-initializer.js']) {
        const res = await app.inject({ method: 'GET', url });
        assert.ok(res.statusCode < 400, `${url}: ${res.statusCode}`);
        assert.equal(res.headers['content-security-policy'], index.headers['content-security-policy'], url);
      }
    });

    test('a dashboard page: every inline script carries the nonce of its own response, fresh each time', { skip: !isWebBuilt() && 'apps/web is not built' }, async () => {
      const nonces = new Set<string>();
      for (const url of ['/login', '/portal/forgot', '/no-such-page']) {
        // A nonce chosen by the client is never used.
        const res = await app.inject({ method: 'GET', url, headers: { 'content-security-policy': "script-src 'nonce-chosen'" } });
        assert.ok(res.statusCode === 200 || res.statusCode === 404, `${url}: ${res.statusCode}`);
        assertCommon(res.headers, isHttps, url);
        const csp = directives(res.headers['content-security-policy']);
        const nonce = /^'nonce-([A-Za-z0-9+/=]{22,})'$/.exec(csp.get('script-src')?.find((v) => v.startsWith("'nonce-")) ?? '')?.[1];
        assert.ok(nonce, `${url}: a nonce in script-src (${res.headers['content-security-policy']})`);
        assert.ok(!csp.get('script-src')?.includes("'unsafe-inline'"), 'no unsafe-inline scripts');
        assert.ok(!csp.get('style-src')?.includes("'unsafe-inline'"), 'no unsafe-inline styles');
        assert.deepEqual(csp.get('frame-ancestors'), ["'none'"]);
        assert.deepEqual(csp.get('object-src'), ["'none'"]);
        nonces.add(nonce);
        const inline = [...res.body.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)];
        assert.ok(inline.length > 0, `${url}: Next's bootstrap scripts are inline`);
        for (const [tag, attrs] of inline) assert.match(attrs ?? '', new RegExp(`\\bnonce="${nonce.replace(/[+/=]/g, '\\$&')}"`), `${url}: ${tag}`);
        assert.doesNotMatch(res.body, /nonce-chosen|nonce="chosen"/);
        assert.doesNotMatch(res.body, /\sstyle="/, `${url}: no inline style attributes`);
      }
      assert.equal(nonces.size, 3, 'a new nonce per response');
    });
  });
}
