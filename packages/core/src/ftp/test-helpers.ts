// Shared by the FTP service tests: a fresh database, a running service on loopback with temp
// directories, accounts with fast argon2 parameters, and basic-ftp clients.
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { Client } from 'basic-ftp';
import { createAccount, updateServerSettings } from '@ftp-panel/db';
import type { AccountInput, DbProvider, ServerSettingsInput } from '@ftp-panel/db';
import { createTestDb } from '@ftp-panel/db/testing';
import type { TestDb } from '@ftp-panel/db/testing';
import type { FtpServerLiveOptions } from '@ftp-panel/ftp-server';
import { RawClient as RawControl } from '@ftp-panel/ftp-server/testing';
import { loadConfig } from '../config.ts';
import type { AppConfig } from '../config.ts';
import { createEventBus } from '../events/bus.ts';
import type { BusEnvelope, PanelEvent } from '../events/types.ts';
import { createPasswordHasher } from '../passwords.ts';
import type { PasswordHasher } from '../passwords.ts';
import { startFtpService } from './service.ts';
import type { FtpService } from './service.ts';

/** Small argon2 parameters: tests create many accounts; the benchmark uses the real ones. */
export const FAST_HASHER: PasswordHasher = createPasswordHasher({ memoryCost: 1024, timeCost: 1, parallelism: 1 });
export const PASSWORD = 'correct-horse-battery';

const SILENT = { info() {}, warn() {}, error() {}, debug() {} };

export type Harness = {
  db: TestDb;
  config: AppConfig;
  service: FtpService;
  bus: ReturnType<typeof createEventBus>;
  events: PanelEvent[];
  port: number;
  homesDir: string;
  addAccount(username: string, input?: AccountInput & { password?: string }): Promise<string>;
  client(username: string, password?: string, options?: { secure?: boolean }): Promise<Client>;
  close(): Promise<void>;
};

export async function startHarness(
  provider: DbProvider,
  input: { settings?: ServerSettingsInput; env?: Record<string, string>; engineOptions?: Partial<FtpServerLiveOptions> } = {},
): Promise<Harness> {
  const db = await createTestDb(provider);
  const root = realpathSync(mkdtempSync(path.join(tmpdir(), 'ftp-svc-')));
  const config = loadConfig({
    DATA_DIR: path.join(root, 'data'),
    HOMES_DIR: path.join(root, 'homes'),
    FTP_HOST: '127.0.0.1',
    FTP_PORT: '0',
    CREDENTIAL_CACHE_TTL_SEC: '60',
    ...input.env,
  });
  // Any free passive port, unless the test is about the range.
  await updateServerSettings(db.prisma, { pasvPortMin: 0, pasvPortMax: 0, banFailures: 0, ...input.settings });
  const bus = createEventBus();
  const events: PanelEvent[] = [];
  bus.subscribe((e: BusEnvelope) => events.push(e.event));
  const service = await startFtpService({
    config,
    db,
    hasher: FAST_HASHER,
    bus,
    logger: SILENT,
    engineOptions: { failedLoginDelayMs: 20, ...input.engineOptions },
  });
  const clients: Client[] = [];
  return {
    db,
    config,
    service,
    bus,
    events,
    port: service.addresses.ftp.port,
    homesDir: config.homesDir,
    async addAccount(username, account = {}) {
      const { password = PASSWORD, ...rest } = account;
      const created = await createAccount(db.prisma, { username, passwordHash: await FAST_HASHER.hash(password), homeDir: username, ...rest });
      return created.id;
    },
    async client(username, password = PASSWORD, options = {}) {
      const client = new Client(10_000);
      clients.push(client);
      await client.access({
        host: '127.0.0.1',
        port: service.addresses.ftp.port,
        user: username,
        password,
        secure: options.secure ?? false,
        secureOptions: { rejectUnauthorized: false },
      });
      return client;
    },
    async close() {
      for (const c of clients) c.close();
      await service.close();
      await db.cleanup();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

export function bytes(size: number, seed = 1): Buffer {
  const buffer = Buffer.alloc(size);
  for (let i = 0; i < size; i++) buffer[i] = (i * 31 + seed) & 0xff;
  return buffer;
}

export function upload(client: Client, data: Buffer, remote: string): Promise<unknown> {
  return client.uploadFrom(Readable.from([data]), remote);
}

export async function download(client: Client, remote: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  await client.downloadTo(
    new Writable({
      write(chunk: Buffer, _enc, cb) {
        chunks.push(chunk);
        cb();
      },
    }),
    remote,
  );
  return Buffer.concat(chunks);
}

/** FTP reply code of a basic-ftp failure (undefined for other errors). */
export function replyCode(error: unknown): number | undefined {
  return (error as { code?: unknown })?.code && typeof (error as { code: unknown }).code === 'number' ? (error as { code: number }).code : undefined;
}

export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 3000, what = 'condition'): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** A bare control connection for replies basic-ftp hides (banner, PASV, 421 at connect): the engine's own test client. */
export { RawControl };

/** The first reply of a new control connection (the 220 banner, or 421 when refused). */
export async function greeting(port: number): Promise<string> {
  const control = await RawControl.connect(port);
  try {
    return (await control.read()).trim();
  } finally {
    control.close();
  }
}
