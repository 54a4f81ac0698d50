// Shared by the API's tests: a built app on a fresh database (SQLite or PostgreSQL), admins of
// every role, sign-in helpers that return the cookie and CSRF token. Not used in production.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { createEventBus, createPasswordHasher, loadConfig, startFtpService, type AppConfig, type FtpService } from '@ftp-panel/core';
import { updateServerSettings } from '@ftp-panel/db';
import { createAdmin, type AdminRole, type DbProvider } from '@ftp-panel/db';
import { createTestDb, type TestDb } from '@ftp-panel/db/testing';
import { buildApp } from './app.ts';
import type { AppContext } from './context.ts';

/** Cheap argon2id parameters: tests hash a lot. */
export const TEST_HASHER = createPasswordHasher({ memoryCost: 1024, timeCost: 1, parallelism: 1 });
export const TEST_PASSWORD = 'correct horse battery staple 42';

export type TestApp = {
  app: FastifyInstance;
  db: TestDb;
  ctx: AppContext;
  config: AppConfig;
  /** the real FTP service on loopback, when asked for (isFtpStarted) */
  ftp: FtpService | null;
  close(): Promise<void>;
};

const SILENT = { info() {}, warn() {}, error() {}, debug() {} };

export async function createTestApp(
  provider: DbProvider,
  options: { env?: Record<string, string>; ctx?: Partial<AppContext>; isFtpStarted?: boolean } = {},
): Promise<TestApp> {
  const db = await createTestDb(provider);
  const homesDir = path.join(db.dataDir, 'homes');
  mkdirSync(homesDir, { recursive: true });
  const config = loadConfig({
    DATA_DIR: db.dataDir,
    HOMES_DIR: homesDir,
    PUBLIC_URL: 'http://panel.test',
    FTP_ENABLED: 'false',
    FTP_HOST: '127.0.0.1',
    FTP_PORT: options.isFtpStarted ? '0' : '2121',
    LOG_LEVEL: 'silent',
    ...options.env,
  });
  const bus = createEventBus();
  let ftp: FtpService | null = null;
  if (options.isFtpStarted) {
    // Any free passive port; no automatic bans from the tests' own failures.
    await updateServerSettings(db.prisma, { pasvPortMin: 0, pasvPortMax: 0, banFailures: 0 });
    ftp = await startFtpService({ config, db, hasher: TEST_HASHER, bus, logger: SILENT, engineOptions: { failedLoginDelayMs: 20 }, isControlSocketEnabled: false });
    config.ftpPort = ftp.addresses.ftp.port;
  }
  const ctx: AppContext = { config, db, hasher: TEST_HASHER, bus, ...(ftp ? { ftp } : {}), ...options.ctx };
  const app = await buildApp(ctx);
  await app.ready();
  return {
    app,
    db,
    ctx,
    config,
    ftp,
    async close() {
      await app.close();
      await ftp?.close();
      await db.cleanup();
    },
  };
}

export type Session = { cookie: string; csrfToken: string };

export async function seedAdmin(t: TestApp, username: string, role: AdminRole, password = TEST_PASSWORD): Promise<void> {
  await createAdmin(t.db.prisma, { username, role, passwordHash: await TEST_HASHER.hash(password) });
}

function cookieOf(response: LightMyRequestResponse): string {
  const header = response.headers['set-cookie'];
  const first = Array.isArray(header) ? header[0] : header;
  if (!first) throw new Error(`no cookie in the response (${response.statusCode} ${response.body})`);
  return first.split(';')[0] as string;
}

export async function signIn(app: FastifyInstance, username: string, password = TEST_PASSWORD, url = '/api/v1/auth/login'): Promise<Session> {
  const response = await app.inject({ method: 'POST', url, payload: { username, password } });
  if (response.statusCode !== 200) throw new Error(`sign-in as ${username} failed: ${response.statusCode} ${response.body}`);
  return { cookie: cookieOf(response), csrfToken: (response.json() as { csrfToken: string }).csrfToken };
}

/** inject() as a signed-in browser: the cookie always, the CSRF header on mutations. */
export function as(app: FastifyInstance, session: Session | null, options: InjectOptions): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = { ...(options.headers as Record<string, string> | undefined) };
  if (session) {
    headers.cookie = session.cookie;
    if (options.method && options.method !== 'GET' && options.method !== 'HEAD') headers['x-csrf-token'] ??= session.csrfToken;
  }
  return app.inject({ ...options, headers });
}

export function bearer(app: FastifyInstance, secret: string, options: InjectOptions): Promise<LightMyRequestResponse> {
  return app.inject({ ...options, headers: { ...(options.headers as Record<string, string> | undefined), authorization: `Bearer ${secret}` } });
}

export function errorOf(response: LightMyRequestResponse): { code: string; message: string; details: { field: string; message: string }[] } {
  return (response.json() as { error: { code: string; message: string; details: { field: string; message: string }[] } }).error;
}
