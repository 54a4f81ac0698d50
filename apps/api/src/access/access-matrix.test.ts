// Every route × every kind of caller, from one declarative list. The list must cover every route
// the app registers, so a new route without a row here fails this test. A caller the rule allows
// must really perform the action: a 2xx on a real fixture made for that one call (an account, a ban,
// a token, a webhook, an admin, a reset token), not merely an answer other than 401/403.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createAccount, issueApiToken } from '@ftp-panel/core';
import { TOKEN_SCOPES, type TokenScope } from '@ftp-panel/db';
import { testProviders } from '@ftp-panel/db/testing';
import { createTestApp, seedAdmin, signIn, TEST_HASHER, TEST_PASSWORD, type Session, type TestApp } from '../test-support.ts';
import { TOTP } from 'otpauth';
import { startSmtpSink, tokenInMail, type SmtpSink } from '../test-smtp.ts';

type CallerName = 'anonymous' | 'OWNER' | 'ADMIN' | 'SUPPORT' | 'customer' | 'tokenWith' | 'tokenWithout';
type Expect = 'ok' | 401 | 403;
type Rule = { roles: ('OWNER' | 'ADMIN' | 'SUPPORT')[]; customer?: boolean; scope: TokenScope | null } | 'public' | 'anyAdmin' | 'customer';

const ALL_ROLES = ['OWNER', 'ADMIN', 'SUPPORT'] as const;
const MANAGERS = ['OWNER', 'ADMIN'] as const;
const read = (scope: TokenScope | null): Rule => ({ roles: [...ALL_ROLES], scope });
const write = (scope: TokenScope | null): Rule => ({ roles: [...MANAGERS], scope });
const owner = (scope: TokenScope | null): Rule => ({ roles: ['OWNER'], scope });

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- fixtures read ids from answers of several shapes
type Reply = { statusCode: number; body: string; json(): any };
/** One call: url and body made fresh for it; headers when it needs its own session; success when the route owes something other than a 2xx. */
type Call = { url?: string; payload?: object; headers?: Record<string, string>; success?: number };
/** What a call can act on, made for that call alone. */
type Fixtures = {
  account(email?: string): Promise<string>;
  admin(): Promise<string>;
  webhook(): Promise<string>;
  /** a token the caller created (the owner's when the caller may not create one) */
  ownToken(): Promise<string>;
  resetToken(): Promise<string>;
  /** an admin's forgotten-password token, read from the email sent to a fresh admin */
  adminResetToken(): Promise<string>;
  /** the caller's headers, or those of a fresh signed-in caller of the same kind: changing one's own password must not end the shared sessions */
  ownSession(): Promise<Record<string, string>>;
  asOwner(method: string, url: string, payload?: object): Promise<Reply>;
  /** a request with any headers (a caller's own fresh session) */
  send(headers: Record<string, string>, method: string, url: string, payload?: object): Promise<Reply>;
  /** a fresh admin or customer with two-factor on, signed in with the password only: the pending session's headers */
  pendingSecondFactor(kind: 'admin' | 'customer'): Promise<{ headers: Record<string, string>; secret: string }>;
  /** a fresh admin signed in with the password while the owner requires two-factor: a pending enrolment */
  pendingEnrolment(): Promise<Record<string, string>>;
};
type Act = (f: Fixtures) => Promise<Call>;

let serial = 0;
const unique = (prefix: string): string => `${prefix}-${++serial}`;
const nextAddress = (): string => `198.51.${Math.floor(++serial / 250) % 250}.${serial % 250}`;
const STRONG = 'a-strong-matrix-passphrase-91';
const WEBHOOK = { url: 'https://hooks.example.test/matrix', events: ['session.opened'] };
let certificate: { certPem: string; keyPem: string };

function created(response: Reply, what: string): ReturnType<Reply['json']> {
  assert.ok(response.statusCode >= 200 && response.statusCode < 300, `fixture ${what}: ${response.statusCode} ${response.body}`);
  return response.json();
}

const totpCode = (secret: string, offsetSeconds = 0): string =>
  new TOTP({ secret, digits: 6, period: 30, algorithm: 'SHA1' }).generate({ timestamp: Date.now() + offsetSeconds * 1000 });

/** The caller's own fresh session taken through enrolment up to `stage`; a refused caller gets a harmless request. */
const twoFactorAt = (prefix: string, stage: 'enrolled' | 'confirmed'): Act => async (f) => {
  const headers = await f.ownSession();
  const started = await f.send(headers, 'POST', `${prefix}/enrol`);
  const secret = started.statusCode === 200 ? (started.json().secret as string) : 'JBSWY3DPEHPK3PXP';
  if (stage === 'enrolled') return { headers, payload: { code: totpCode(secret) } };
  const confirmed = await f.send(headers, 'POST', `${prefix}/confirm`, { code: totpCode(secret) });
  const codes = confirmed.statusCode === 200 ? (confirmed.json().recoveryCodes as string[]) : ['aaaaa-bbbbb'];
  return { headers, payload: { code: codes[0] } };
};

const withAccount = (suffix = ''): Act => async (f) => ({ url: `/api/v1/accounts/${await f.account()}${suffix}` });

/** [method, url as registered, rule, how an allowed caller performs it (default: the url as is, an empty body)] */
const MATRIX: [string, string, Rule, Act?][] = [
  ['GET', '/api/health', 'public'],
  ['GET', '/api/openapi.json', 'public'],
  ['GET', '/api/docs', 'public'],
  ['GET', '/api/docs/static/index.html', 'public', async () => ({ success: 302 })],
  ['GET', '/api/docs/static/swagger-initializer.js', 'public'],
  ['GET', '/api/docs/json', 'public'],
  ['GET', '/api/docs/yaml', 'public'],
  ['GET', '/api/docs/static/*', 'public'],
  // The catch-all owes everyone a JSON 404.
  ...(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'].map((m) => [m, '/api/*', 'public', async () => ({ success: 404 })]) as [string, string, Rule, Act][]),
  ['GET', '/api/v1/setup/status', 'public'],
  // Setup happens once, before any of these callers can exist; afterwards everyone is told it is done (setup.test.ts covers the first run).
  ['POST', '/api/v1/setup', 'public', async () => ({ payload: { token: 'any', username: unique('late-owner'), password: STRONG }, success: 409 })],
  ['POST', '/api/v1/auth/login', 'public', async () => ({ payload: { username: 'm-support', password: TEST_PASSWORD } })],
  ['GET', '/api/v1/auth/session', 'public'],
  ['POST', '/api/v1/auth/password', 'anyAdmin', async (f) => ({ headers: await f.ownSession(), payload: { currentPassword: TEST_PASSWORD, newPassword: STRONG } })],
  ['POST', '/api/v1/auth/forgot', 'public', async () => ({ payload: { login: 'm-owner' } })],
  ['GET', '/api/v1/auth/reset/:token', 'public', async (f) => ({ url: `/api/v1/auth/reset/${await f.adminResetToken()}` })],
  ['POST', '/api/v1/auth/reset', 'public', async (f) => ({ payload: { token: await f.adminResetToken(), password: STRONG } })],
  ['GET', '/api/v1/portal/config', 'public'],
  ['POST', '/api/v1/portal/login', 'public', async (f) => ({ payload: { username: await f.account(), password: TEST_PASSWORD } })],
  ['POST', '/api/v1/portal/forgot', 'public', async (f) => ({ payload: { login: await f.account() } })],
  ['GET', '/api/v1/portal/reset/:token', 'public', async (f) => ({ url: `/api/v1/portal/reset/${await f.resetToken()}` })],
  ['POST', '/api/v1/portal/reset', 'public', async (f) => ({ payload: { token: await f.resetToken(), password: STRONG } })],
  ['GET', '/api/v1/me', 'customer'],
  ['POST', '/api/v1/me/password', 'customer', async (f) => ({ headers: await f.ownSession(), payload: { currentPassword: TEST_PASSWORD, newPassword: STRONG } })],
  ['GET', '/api/v1/accounts', read('accounts:read')],
  ['POST', '/api/v1/accounts', write('accounts:write'), async () => ({ payload: { username: unique('matrix-new'), password: STRONG } })],
  ['GET', '/api/v1/accounts/:username', read('accounts:read'), withAccount()],
  ['PUT', '/api/v1/accounts/:username', write('accounts:write'), withAccount()],
  ['PATCH', '/api/v1/accounts/:username', write('accounts:write'), async (f) => ({ url: `/api/v1/accounts/${await f.account()}`, payload: { quotaBytes: 1024 } })],
  ['POST', '/api/v1/accounts/:username/password', write('accounts:write'), withAccount('/password')],
  ['POST', '/api/v1/accounts/:username/reset-link', write('accounts:write'), withAccount('/reset-link')],
  ['POST', '/api/v1/accounts/:username/reset-link/send', read('accounts:write'), async (f) => ({ url: `/api/v1/accounts/${await f.account('matrix@example.test')}/reset-link/send` })],
  ['POST', '/api/v1/accounts/:username/rescan', write('accounts:write'), withAccount('/rescan')],
  ['GET', '/api/v1/accounts/:username/sessions', read('sessions:read'), withAccount('/sessions')],
  ['DELETE', '/api/v1/accounts/:username/sessions', write('sessions:write'), withAccount('/sessions')],
  ['DELETE', '/api/v1/accounts/:username', write('accounts:write'), withAccount()],
  ['GET', '/api/v1/sessions', read('sessions:read')],
  ['DELETE', '/api/v1/sessions/:id', write('sessions:write')],
  ['GET', '/api/v1/transfers', read('logs:read')],
  ['GET', '/api/v1/logins', read('logs:read')],
  ['GET', '/api/v1/logins/failed-by-ip', read('logs:read')],
  ['GET', '/api/v1/events', { roles: [...ALL_ROLES], customer: true, scope: 'sessions:read' }],
  ['GET', '/api/v1/overview', read(null)],
  ['GET', '/api/v1/bans', read('logs:read')],
  ['POST', '/api/v1/bans', write('sessions:write'), async () => ({ payload: { ip: nextAddress() } })],
  ['DELETE', '/api/v1/bans/:id', write('sessions:write'), async (f) => ({ url: `/api/v1/bans/${(await created(await f.asOwner('POST', '/api/v1/bans', { ip: nextAddress() }), 'ban')).id}` })],
  ['GET', '/api/v1/settings', read('settings:read')],
  ['PATCH', '/api/v1/settings', owner('settings:write')],
  ['PUT', '/api/v1/settings/tls', owner('settings:write'), async () => ({ payload: certificate })],
  ['DELETE', '/api/v1/settings/tls', owner('settings:write')],
  ['GET', '/api/v1/settings/smtp', read('settings:read')],
  ['GET', '/api/v1/settings/passive-diagnostics', read('settings:read')],
  ['GET', '/api/v1/tokens', write(null)],
  ['POST', '/api/v1/tokens', write(null), async () => ({ payload: { name: unique('matrix-token'), scopes: ['accounts:read'] } })],
  ['DELETE', '/api/v1/tokens/:id', write(null), async (f) => ({ url: `/api/v1/tokens/${await f.ownToken()}` })],
  ['GET', '/api/v1/admins', owner(null)],
  ['POST', '/api/v1/admins', owner(null), async () => ({ payload: { username: unique('matrix-admin'), password: STRONG, role: 'SUPPORT' } })],
  ['PATCH', '/api/v1/admins/:id', owner(null), async (f) => ({ url: `/api/v1/admins/${await f.admin()}`, payload: { role: 'ADMIN' } })],
  ['DELETE', '/api/v1/admins/:id', owner(null), async (f) => ({ url: `/api/v1/admins/${await f.admin()}` })],
  ['GET', '/api/v1/audit', read('logs:read')],
  ['GET', '/api/v1/audit/verify', write(null)],
  ['GET', '/api/v1/webhooks', write(null)],
  ['POST', '/api/v1/webhooks', write(null), async () => ({ payload: WEBHOOK })],
  ['PATCH', '/api/v1/webhooks/:id', write(null), async (f) => ({ url: `/api/v1/webhooks/${await f.webhook()}`, payload: { isActive: false } })],
  ['DELETE', '/api/v1/webhooks/:id', write(null), async (f) => ({ url: `/api/v1/webhooks/${await f.webhook()}` })],
  ['GET', '/api/v1/webhooks/:id/deliveries', write(null), async (f) => ({ url: `/api/v1/webhooks/${await f.webhook()}/deliveries` })],
  ['POST', '/api/v1/auth/second-factor', 'public', async (f) => {
    const { headers, secret } = await f.pendingSecondFactor('admin');
    return { headers, payload: { code: totpCode(secret, 30) } };
  }],
  ['GET', '/api/v1/auth/two-factor', 'anyAdmin'],
  ['POST', '/api/v1/auth/two-factor/enrol', 'anyAdmin', async (f) => ({ headers: await f.ownSession() })],
  ['POST', '/api/v1/auth/two-factor/confirm', 'anyAdmin', twoFactorAt('/api/v1/auth/two-factor', 'enrolled')],
  ['POST', '/api/v1/auth/two-factor/disable', 'anyAdmin', twoFactorAt('/api/v1/auth/two-factor', 'confirmed')],
  ['GET', '/api/v1/me/two-factor', 'customer'],
  ['POST', '/api/v1/me/two-factor/enrol', 'customer', async (f) => ({ headers: await f.ownSession() })],
  ['POST', '/api/v1/me/two-factor/confirm', 'customer', twoFactorAt('/api/v1/me/two-factor', 'enrolled')],
  ['POST', '/api/v1/me/two-factor/disable', 'customer', twoFactorAt('/api/v1/me/two-factor', 'confirmed')],
  ['DELETE', '/api/v1/admins/:id/two-factor', owner(null), async (f) => ({ url: `/api/v1/admins/${await f.admin()}/two-factor` })],
  ['DELETE', '/api/v1/accounts/:username/two-factor', write('accounts:write'), withAccount('/two-factor')],
  ['GET', '/api/v1/settings/two-factor', read('settings:read')],
  ['PUT', '/api/v1/settings/two-factor', owner('settings:write'), async () => ({ payload: { isAdminTwoFactorRequired: false } })],
  // Near the end: it turns the owner's two-factor requirement on, so admins signing in after it must enrol.
  ['POST', '/api/v1/auth/second-factor/enrol', 'public', async (f) => ({ headers: await f.pendingEnrolment() })],
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

/** 'ok' only when the action was done: a 2xx, or the answer the row says the route owes. */
function classify(status: number, success: number | undefined): Expect | number {
  if (status === 401 || status === 403) return status;
  return (success === undefined ? status >= 200 && status < 300 : status === success) ? 'ok' : status;
}

function makeCertificate(): { certPem: string; keyPem: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'matrix-cert-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'k.pem', '-out', 'c.pem', '-days', '30', '-subj', '/CN=matrix.example.test'], { cwd: dir, stdio: 'pipe' });
  return { certPem: readFileSync(path.join(dir, 'c.pem'), 'utf8'), keyPem: readFileSync(path.join(dir, 'k.pem'), 'utf8') };
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
    let smtp: SmtpSink;
    let port: number;
    const sessions: Partial<Record<CallerName, Session>> = {};
    const tokens = new Map<string, string>();

    const tokenFor = async (scopes: TokenScope[]): Promise<string> => {
      const key = scopes.join(' ');
      if (!tokens.has(key)) tokens.set(key, (await issueApiToken({ db: t.db.prisma }, { name: `matrix ${tokens.size}`, scopes })).secret);
      return tokens.get(key) as string;
    };

    before(async () => {
      certificate = makeCertificate();
      smtp = await startSmtpSink();
      t = await createTestApp(provider, { env: { SMTP_URL: smtp.url }, ctx: { tuning: { signInPerMinute: 100_000 } } });
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      port = (t.app.server.address() as AddressInfo).port;
      for (const role of ['OWNER', 'ADMIN', 'SUPPORT'] as const) {
        await seedAdmin(t, `m-${role.toLowerCase()}`, role);
        sessions[role] = await signIn(t.app, `m-${role.toLowerCase()}`);
      }
      await createAccount({ db: t.db.prisma, hasher: TEST_HASHER, homesDir: t.config.homesDir }, { username: 'm-customer', password: TEST_PASSWORD });
      sessions.customer = await signIn(t.app, 'm-customer', TEST_PASSWORD, '/api/v1/portal/login');
    });
    after(async () => {
      await t.close();
      await smtp.close();
    });

    test('the matrix lists every registered route', () => {
      const listed = new Set(MATRIX.map(([m, u]) => `${m} ${u}`));
      const registered = t.app.registeredRoutes.filter((r) => r.method !== 'HEAD' && r.url.startsWith('/api')).map((r) => `${r.method} ${r.url}`);
      const missing = registered.filter((r) => !listed.has(r));
      assert.deepEqual(missing, [], 'routes without a row in the matrix');
      const stale = [...listed].filter((r) => !registered.includes(r));
      assert.deepEqual(stale, [], 'matrix rows for routes that do not exist');
    });

    const headersOf = (session: Session | undefined): Record<string, string> => (session ? { cookie: session.cookie, 'x-csrf-token': session.csrfToken } : {});
    const send = (headers: Record<string, string>, method: string, url: string, payload?: object): Promise<Reply> =>
      t.app.inject({ method: method as 'GET', url, headers, ...(payload ? { payload } : {}) });

    const fixturesFor = (caller: CallerName, headers: Record<string, string>): Fixtures => {
      const asOwner = (method: string, url: string, payload?: object) => send(headersOf(sessions.OWNER), method, url, payload);
      const account = async (email?: string) => {
        const username = unique('matrix-account');
        await createAccount({ db: t.db.prisma, hasher: TEST_HASHER, homesDir: t.config.homesDir }, { username, password: TEST_PASSWORD, ...(email ? { email } : {}) });
        return username;
      };
      const passwordStep = async (username: string, url: string) => {
        const response = await t.app.inject({ method: 'POST', url, payload: { username, password: TEST_PASSWORD } });
        const cookie = String([response.headers['set-cookie']].flat()[0] ?? '').split(';')[0] as string;
        return { cookie, 'x-csrf-token': created(response, 'password step').csrfToken as string };
      };
      return {
        account,
        asOwner,
        send,
        pendingSecondFactor: async (kind) => {
          const username = kind === 'admin' ? unique('matrix-2fa-admin') : await account();
          if (kind === 'admin') await seedAdmin(t, username, 'SUPPORT');
          const url = kind === 'admin' ? '/api/v1/auth/login' : '/api/v1/portal/login';
          const prefix = kind === 'admin' ? '/api/v1/auth/two-factor' : '/api/v1/me/two-factor';
          const own = headersOf(await signIn(t.app, username, TEST_PASSWORD, url));
          const secret = created(await send(own, 'POST', `${prefix}/enrol`), 'enrolment').secret as string;
          created(await send(own, 'POST', `${prefix}/confirm`, { code: totpCode(secret) }), 'confirmation');
          return { headers: await passwordStep(username, url), secret };
        },
        pendingEnrolment: async () => {
          created(await asOwner('PUT', '/api/v1/settings/two-factor', { isAdminTwoFactorRequired: true }), 'requirement');
          const username = unique('matrix-enrol-admin');
          await seedAdmin(t, username, 'SUPPORT');
          return passwordStep(username, '/api/v1/auth/login');
        },
        admin: async () => created(await asOwner('POST', '/api/v1/admins', { username: unique('matrix-admin'), password: STRONG, role: 'SUPPORT' }), 'admin').id,
        webhook: async () => created(await asOwner('POST', '/api/v1/webhooks', WEBHOOK), 'webhook').webhook.id,
        ownToken: async () => {
          const body = { name: unique('matrix-token'), scopes: ['accounts:read'] };
          const mine = await send(headers, 'POST', '/api/v1/tokens', body);
          const answer = mine.statusCode === 201 ? mine.json() : created(await asOwner('POST', '/api/v1/tokens', body), 'token');
          return answer.token.id as string;
        },
        resetToken: async () => {
          const link = created(await asOwner('POST', `/api/v1/accounts/${await account()}/reset-link`), 'reset link');
          return new URL(link.url as string).searchParams.get('token') ?? 'no-token';
        },
        adminResetToken: async () => {
          const username = unique('matrix-forgetful');
          const email = `${username}@example.test`;
          created(await asOwner('POST', '/api/v1/admins', { username, password: STRONG, role: 'SUPPORT', email }), 'admin with email');
          created(await send({}, 'POST', '/api/v1/auth/forgot', { login: username }), 'forgot');
          for (let i = 0; i < 200; i++) {
            const mail = smtp.mails.find((m) => m.to.includes(email));
            if (mail) return tokenInMail(mail, '/reset-password');
            await new Promise((r) => setTimeout(r, 25));
          }
          throw new Error(`fixture admin reset token: no email to ${email}`);
        },
        ownSession: async () => {
          if (caller === 'OWNER' || caller === 'ADMIN' || caller === 'SUPPORT') {
            const username = unique(`matrix-${caller.toLowerCase()}`);
            await seedAdmin(t, username, caller);
            return headersOf(await signIn(t.app, username));
          }
          if (caller === 'customer') return headersOf(await signIn(t.app, await account(), TEST_PASSWORD, '/api/v1/portal/login'));
          return headers;
        },
      };
    };

    test('every route answers every caller as declared, and every allowed caller performs the action', async () => {
      const failures: string[] = [];
      for (const [method, url, rule, act] of MATRIX) {
        const scope = typeof rule === 'object' ? rule.scope : null;
        for (const caller of CALLERS) {
          const headers = headersOf(sessions[caller as keyof typeof sessions]);
          if (caller === 'tokenWith') headers.authorization = `Bearer ${await tokenFor(scope ? [scope] : [...TOKEN_SCOPES])}`;
          if (caller === 'tokenWithout') headers.authorization = `Bearer ${await tokenFor(TOKEN_SCOPES.filter((s) => s !== scope))}`;
          const want = expected(rule, caller);
          // The same well-formed request for every caller: a refusal must not hinge on a bad request.
          const call: Call = act ? await act(fixturesFor(caller, headers)) : {};
          const callHeaders = call.headers ?? headers;
          let status: number;
          let body = '';
          if (url === '/api/v1/events' && want === 'ok') {
            status = await streamStatus(port, callHeaders);
          } else {
            const hasBody = method === 'POST' || method === 'PUT' || method === 'PATCH';
            const response = await send(callHeaders, method, call.url ?? concreteUrl(url), call.payload ?? (hasBody ? {} : undefined));
            status = response.statusCode;
            body = response.body.slice(0, 160);
          }
          const got = classify(status, call.success);
          if (got !== want) failures.push(`${method} ${url} as ${caller}: expected ${want}, got ${status} ${want === 'ok' ? body : ''}`.trim());
        }
      }
      assert.deepEqual(failures, []);
    });
  });
}
