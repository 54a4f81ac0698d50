// Every route × every kind of caller, from one declarative list. The list must cover every route
// the app registers, so a new route without a row here fails this test.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAccount, issueApiToken } from '@ftp-panel/core';
import { TOKEN_SCOPES, type TokenScope } from '@ftp-panel/db';
import { testProviders } from '@ftp-panel/db/testing';
import { createTestApp, seedAdmin, signIn, TEST_HASHER, TEST_PASSWORD, type Session, type TestApp } from '../test-support.ts';

type CallerName = 'anonymous' | 'OWNER' | 'ADMIN' | 'SUPPORT' | 'customer' | 'tokenWith' | 'tokenWithout';
type Expect = 'ok' | 401 | 403;
type Rule = { roles: ('OWNER' | 'ADMIN' | 'SUPPORT')[]; customer?: boolean; scope: TokenScope | null } | 'public' | 'anyAdmin' | 'customer';

const ALL_ROLES = ['OWNER', 'ADMIN', 'SUPPORT'] as const;
const MANAGERS = ['OWNER', 'ADMIN'] as const;
const read = (scope: TokenScope | null): Rule => ({ roles: [...ALL_ROLES], scope });
const write = (scope: TokenScope | null): Rule => ({ roles: [...MANAGERS], scope });
const owner = (scope: TokenScope | null): Rule => ({ roles: ['OWNER'], scope });

/** [method, url as registered, rule] */
const MATRIX: [string, string, Rule][] = [
  ['GET', '/api/health', 'public'],
  ['GET', '/api/openapi.json', 'public'],
  ['GET', '/api/docs', 'public'],
  ['GET', '/api/docs/static/index.html', 'public'],
  ['GET', '/api/docs/static/swagger-initializer.js', 'public'],
  ['GET', '/api/docs/json', 'public'],
  ['GET', '/api/docs/yaml', 'public'],
  ['GET', '/api/docs/static/*', 'public'],
  ...(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'].map((m) => [m, '/api/*', 'public']) as [string, string, Rule][]),
  ['GET', '/api/v1/setup/status', 'public'],
  ['POST', '/api/v1/setup', 'public'],
  ['POST', '/api/v1/auth/login', 'public'],
  ['GET', '/api/v1/auth/session', 'public'],
  ['POST', '/api/v1/auth/password', 'anyAdmin'],
  ['GET', '/api/v1/portal/config', 'public'],
  ['POST', '/api/v1/portal/login', 'public'],
  ['POST', '/api/v1/portal/forgot', 'public'],
  ['GET', '/api/v1/portal/reset/:token', 'public'],
  ['POST', '/api/v1/portal/reset', 'public'],
  ['GET', '/api/v1/me', 'customer'],
  ['POST', '/api/v1/me/password', 'customer'],
  ['GET', '/api/v1/accounts', read('accounts:read')],
  ['POST', '/api/v1/accounts', write('accounts:write')],
  ['GET', '/api/v1/accounts/:username', read('accounts:read')],
  ['PUT', '/api/v1/accounts/:username', write('accounts:write')],
  ['PATCH', '/api/v1/accounts/:username', write('accounts:write')],
  ['POST', '/api/v1/accounts/:username/password', write('accounts:write')],
  ['POST', '/api/v1/accounts/:username/reset-link', read('accounts:write')],
  ['POST', '/api/v1/accounts/:username/rescan', write('accounts:write')],
  ['GET', '/api/v1/accounts/:username/sessions', read('sessions:read')],
  ['DELETE', '/api/v1/accounts/:username/sessions', write('sessions:write')],
  ['DELETE', '/api/v1/accounts/:username', write('accounts:write')],
  ['GET', '/api/v1/sessions', read('sessions:read')],
  ['DELETE', '/api/v1/sessions/:id', write('sessions:write')],
  ['GET', '/api/v1/transfers', read('logs:read')],
  ['GET', '/api/v1/logins', read('logs:read')],
  ['GET', '/api/v1/logins/failed-by-ip', read('logs:read')],
  ['GET', '/api/v1/events', { roles: [...ALL_ROLES], customer: true, scope: 'sessions:read' }],
  ['GET', '/api/v1/overview', read(null)],
  ['GET', '/api/v1/bans', read('logs:read')],
  ['POST', '/api/v1/bans', write('sessions:write')],
  ['DELETE', '/api/v1/bans/:id', write('sessions:write')],
  ['GET', '/api/v1/settings', read('settings:read')],
  ['PATCH', '/api/v1/settings', owner('settings:write')],
  ['PUT', '/api/v1/settings/tls', owner('settings:write')],
  ['DELETE', '/api/v1/settings/tls', owner('settings:write')],
  ['GET', '/api/v1/settings/smtp', read('settings:read')],
  ['GET', '/api/v1/settings/passive-diagnostics', read('settings:read')],
  ['GET', '/api/v1/tokens', write(null)],
  ['POST', '/api/v1/tokens', write(null)],
  ['DELETE', '/api/v1/tokens/:id', write(null)],
  ['GET', '/api/v1/admins', owner(null)],
  ['POST', '/api/v1/admins', owner(null)],
  ['PATCH', '/api/v1/admins/:id', owner(null)],
  ['DELETE', '/api/v1/admins/:id', owner(null)],
  ['GET', '/api/v1/audit', read('logs:read')],
  ['GET', '/api/v1/webhooks', write(null)],
  ['POST', '/api/v1/webhooks', write(null)],
  ['PATCH', '/api/v1/webhooks/:id', write(null)],
  ['DELETE', '/api/v1/webhooks/:id', write(null)],
  ['GET', '/api/v1/webhooks/:id/deliveries', write(null)],
  // Last: it ends the callers' sessions.
  ['POST', '/api/v1/auth/logout', 'public'],
];

const CALLERS: CallerName[] = ['anonymous', 'OWNER', 'ADMIN', 'SUPPORT', 'customer', 'tokenWith', 'tokenWithout'];

function expected(rule: Rule, caller: CallerName): Expect {
  if (rule === 'public') return 'ok';
  if (caller === 'anonymous') return 401;
  if (rule === 'anyAdmin') return caller === 'OWNER' || caller === 'ADMIN' || caller === 'SUPPORT' ? 'ok' : 403;
  if (rule === 'customer') return caller === 'customer' ? 'ok' : 403;
  if (caller === 'customer') return rule.customer ? 'ok' : 403;
  if (caller === 'tokenWith') return rule.scope ? 'ok' : 403;
  if (caller === 'tokenWithout') return 403;
  return (rule.roles as string[]).includes(caller) ? 'ok' : 403;
}

function concreteUrl(url: string): string {
  return url
    .replace('/api/docs/static/*', '/api/docs/static/swagger-ui.css')
    .replace('/api/*', '/api/no-such-thing')
    .replace(':username', 'matrix-nobody')
    .replace(':token', 'not-a-token')
    .replace(':id', 'no-such-id');
}

function classify(status: number): Expect | 'error' {
  if (status === 401 || status === 403) return status;
  return status >= 500 ? 'error' : 'ok';
}

/** SSE never ends: open it over real HTTP, read the status, hang up. */
function streamStatus(port: number, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.get({ host: '127.0.0.1', port, path: '/api/v1/events', headers }, (response) => {
      resolve(response.statusCode ?? 0);
      request.destroy();
    });
    request.on('error', reject);
  });
}

for (const { provider, skip } of await testProviders()) {
  describe(`authorization matrix (${provider})`, { skip }, () => {
    let t: TestApp;
    let port: number;
    const sessions: Partial<Record<CallerName, Session>> = {};
    const tokens = new Map<string, string>();

    const tokenFor = async (scopes: TokenScope[]): Promise<string> => {
      const key = scopes.join(' ');
      if (!tokens.has(key)) tokens.set(key, (await issueApiToken({ db: t.db.prisma }, { name: `matrix ${tokens.size}`, scopes })).secret);
      return tokens.get(key) as string;
    };

    before(async () => {
      t = await createTestApp(provider, { ctx: { tuning: { signInPerMinute: 100_000 } } });
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      port = (t.app.server.address() as AddressInfo).port;
      for (const role of ['OWNER', 'ADMIN', 'SUPPORT'] as const) {
        await seedAdmin(t, `m-${role.toLowerCase()}`, role);
        sessions[role] = await signIn(t.app, `m-${role.toLowerCase()}`);
      }
      await createAccount({ db: t.db.prisma, hasher: TEST_HASHER, homesDir: t.config.homesDir }, { username: 'm-customer', password: TEST_PASSWORD });
      sessions.customer = await signIn(t.app, 'm-customer', TEST_PASSWORD, '/api/v1/portal/login');
    });
    after(() => t.close());

    test('the matrix lists every registered route', () => {
      const listed = new Set(MATRIX.map(([m, u]) => `${m} ${u}`));
      const registered = t.app.registeredRoutes.filter((r) => r.method !== 'HEAD' && r.url.startsWith('/api')).map((r) => `${r.method} ${r.url}`);
      const missing = registered.filter((r) => !listed.has(r));
      assert.deepEqual(missing, [], 'routes without a row in the matrix');
      const stale = [...listed].filter((r) => !registered.includes(r));
      assert.deepEqual(stale, [], 'matrix rows for routes that do not exist');
    });

    test('every route answers every caller as declared', async () => {
      const failures: string[] = [];
      for (const [method, url, rule] of MATRIX) {
        const scope = typeof rule === 'object' ? rule.scope : null;
        for (const caller of CALLERS) {
          const headers: Record<string, string> = {};
          const session = sessions[caller as keyof typeof sessions];
          if (session) {
            headers.cookie = session.cookie;
            headers['x-csrf-token'] = session.csrfToken;
          }
          if (caller === 'tokenWith') headers.authorization = `Bearer ${await tokenFor(scope ? [scope] : [...TOKEN_SCOPES])}`;
          if (caller === 'tokenWithout') headers.authorization = `Bearer ${await tokenFor(TOKEN_SCOPES.filter((s) => s !== scope))}`;
          const want = expected(rule, caller);
          let status: number;
          if (url === '/api/v1/events' && want === 'ok') {
            status = await streamStatus(port, headers);
          } else {
            const hasBody = method === 'POST' || method === 'PUT' || method === 'PATCH';
            const response = await t.app.inject({ method: method as 'GET', url: concreteUrl(url), headers, ...(hasBody ? { payload: {} } : {}) });
            status = response.statusCode;
          }
          const got = classify(status);
          if (got !== want) failures.push(`${method} ${url} as ${caller}: expected ${want}, got ${status}`);
        }
      }
      assert.deepEqual(failures, []);
    });
  });
}
