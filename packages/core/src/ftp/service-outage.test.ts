// A database outage while the FTP service runs: logins get a temporary 421 (never 530, which
// makes clients forget saved passwords), and DELE, RMD, RNTO and uploads complete with their
// usage change journaled and applied when the database is back; none acts and then fails.
// SQLite is a file inside the process, so "unreachable" is injected (every query fails, as with
// SQLITE_BUSY past the busy timeout or SQLITE_IOERR); PostgreSQL is a real cluster of the test's
// own that is stopped and started.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findAccountByUsername, updateServerSettings, createAccount } from '@ftp-panel/db';
import type { Db } from '@ftp-panel/db';
import { createTestDb } from '@ftp-panel/db/testing';
import type { TestDb } from '@ftp-panel/db/testing';
import { Client } from 'basic-ftp';
import { skipUnless } from '../../../../scripts/test-support.ts';
import { measureDiskUsage } from '../accounts/usage.ts';
import { loadConfig } from '../config.ts';
import type { AppConfig } from '../config.ts';
import { createEventBus } from '../events/bus.ts';
import { startFtpService } from './service.ts';
import type { FtpService } from './service.ts';
import { FAST_HASHER, PASSWORD, RawControl, bytes, replyCode, upload, waitFor } from './test-helpers.ts';
import { canRunThrowawayPostgres, startThrowawayPostgres } from './throwaway-postgres.ts';
import type { ThrowawayPostgres } from './throwaway-postgres.ts';
import { USAGE_JOURNAL_FILE } from './usage-journal.ts';

const SILENT = { info() {}, warn() {}, error() {}, debug() {} };
const KIB = 1024;
const UNAVAILABLE = /^421 Service temporarily unavailable, try again later\./;
// The journal retries with backoff (up to 10 s between attempts).
const CONVERGE_MS = 25_000;

/** The database behind a switch: while down, every query fails as an unreachable database does. */
function switchableDb(db: Db): { db: Db; setDown(isDown: boolean): void } {
  let isDown = false;
  const wrap = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(object, prop) {
        const value = Reflect.get(object, prop, object) as unknown;
        if (typeof value === 'function') {
          return (...args: unknown[]) => {
            if (isDown) return Promise.reject(new Error('SQLITE_CANTOPEN: unable to open database file (injected outage)'));
            return (value as (...a: unknown[]) => unknown).apply(object, args);
          };
        }
        if (value && typeof value === 'object' && typeof prop === 'string') return wrap(value);
        return value;
      },
    });
  return {
    db: { ...db, prisma: wrap(db.prisma) },
    setDown(value) {
      isDown = value;
    },
  };
}

type Node = { service: FtpService; config: AppConfig; port: number };

async function startNode(db: Db, root: string): Promise<Node> {
  const config = loadConfig({
    DATA_DIR: path.join(root, 'data'),
    HOMES_DIR: path.join(root, 'homes'),
    FTP_HOST: '127.0.0.1',
    FTP_PORT: '0',
    CREDENTIAL_CACHE_TTL_SEC: '60',
  });
  const service = await startFtpService({
    config,
    db,
    hasher: FAST_HASHER,
    bus: createEventBus(),
    logger: SILENT,
    engineOptions: { failedLoginDelayMs: 20 },
    isControlSocketEnabled: false,
  });
  return { service, config, port: service.addresses.ftp.port };
}

async function connect(port: number, username: string): Promise<Client> {
  const client = new Client(10_000);
  await client.access({ host: '127.0.0.1', port, user: username, password: PASSWORD });
  return client;
}

async function addAccount(db: TestDb, username: string, extra: { uploadKiBps?: number; quotaBytes?: number } = {}): Promise<void> {
  await createAccount(db.prisma, { username, passwordHash: await FAST_HASHER.hash(PASSWORD), homeDir: username, ...extra });
}

async function rawLogin(port: number, username: string, password = PASSWORD): Promise<string> {
  const raw = await RawControl.connect(port);
  try {
    await raw.read(); // banner
    assert.match(await raw.command(`USER ${username}`), /^331 /);
    return await raw.command(`PASS ${password}`);
  } finally {
    raw.close();
  }
}

/** Stored usage equals what is on disk (the journal may need a retry or two after the outage). */
async function assertUsageMatchesDisk(db: TestDb, node: Node, username: string, timeoutMs = CONVERGE_MS): Promise<void> {
  const home = path.join(node.config.homesDir, username);
  let last = '';
  await waitFor(
    async () => {
      const account = await findAccountByUsername(db.prisma, username).catch(() => null);
      const disk = await measureDiskUsage(home);
      last = `stored ${account?.usedBytes}/${account?.usedFiles}, disk ${disk.bytes}/${disk.files}`;
      return account !== null && account.usedBytes === disk.bytes && account.usedFiles === disk.files;
    },
    timeoutMs,
    'usage to match the disk',
  ).catch((error: unknown) => {
    throw new Error(`${(error as Error).message}: ${last}`);
  });
}

type Outage = { goDown(): Promise<void>; comeUp(): Promise<void> };

/**
 * The scenario both providers run: logged-in sessions keep working through the outage, new
 * logins are told to come back later, and usage equals the disk once the database is back.
 */
async function outageScenario(db: TestDb, node: Node, outage: Outage): Promise<void> {
  await addAccount(db, 'out');
  await addAccount(db, 'slow', { uploadKiBps: 128 });
  const client = await connect(node.port, 'out');
  const slow = await connect(node.port, 'slow');
  await upload(client, bytes(10 * KIB), 'gone.bin');
  await upload(client, bytes(3 * KIB), 'from.bin');
  await upload(client, bytes(5 * KIB), 'to.bin');
  await upload(client, bytes(2 * KIB), 'replaced.bin');
  await client.ensureDir('/empty');
  await client.cd('/');
  await assertUsageMatchesDisk(db, node, 'out', 5000);
  const home = path.join(node.config.homesDir, 'out');

  // An upload that started with the database up commits while it is down.
  const slowUpload = upload(slow, bytes(384 * KIB), 'slow.bin');
  await waitFor(() => node.service.sessions().some((s) => s.username === 'slow' && (s.transfer?.bytes ?? 0) > 0), 5000, 'the slow upload');
  await outage.goDown();
  try {
    // Login: a temporary refusal, and not a failure a ban would count (three in a row stay 421).
    for (let i = 0; i < 3; i++) assert.match(await rawLogin(node.port, 'out'), UNAVAILABLE);

    await client.remove('gone.bin');
    assert.equal(existsSync(path.join(home, 'gone.bin')), false);
    await client.removeDir('/empty');
    await client.rename('from.bin', 'to.bin');
    await upload(client, bytes(7 * KIB), 'new.bin');
    await upload(client, bytes(4 * KIB), 'replaced.bin');
    assert.ok(existsSync(path.join(home, 'new.bin')));
    await slowUpload;
    assert.ok(existsSync(path.join(node.config.homesDir, 'slow', 'slow.bin')));
  } catch (error) {
    // A reply code helps when a run on old code fails here.
    throw new Error(`during the outage: ${(error as Error).message} (reply ${replyCode(error)})`);
  } finally {
    await slowUpload.catch(() => {});
    await outage.comeUp();
  }

  await assertUsageMatchesDisk(db, node, 'out');
  await assertUsageMatchesDisk(db, node, 'slow');
  const stored = await findAccountByUsername(db.prisma, 'out');
  assert.deepEqual({ bytes: stored?.usedBytes, files: stored?.usedFiles }, { bytes: 3 * KIB + 7 * KIB + 4 * KIB, files: 3 });
  // The 421s counted for no ban: with banFailures 2, one real failure now does not ban the address.
  assert.match(await rawLogin(node.port, 'nobody', 'wrong-password'), /^530 /);
  // The pool reconnected: new logins work again.
  const again = await connect(node.port, 'out');
  assert.deepEqual((await again.list()).map((f) => f.name).sort(), ['new.bin', 'replaced.bin', 'to.bin']);
  again.close();
  client.close();
  slow.close();
}

describe('FTP service through a database outage (sqlite, injected)', () => {
  let db: TestDb;
  let root: string;
  let node: Node | null = null;
  const switchable = { current: null as ReturnType<typeof switchableDb> | null };

  before(async () => {
    db = await createTestDb('sqlite');
    await updateServerSettings(db.prisma, { pasvPortMin: 0, pasvPortMax: 0, banFailures: 2, banWindowSec: 600 });
    root = realpathSync(mkdtempSync(path.join(tmpdir(), 'ftp-outage-')));
    switchable.current = switchableDb(db);
    node = await startNode(switchable.current.db, root);
  });
  after(async () => {
    switchable.current?.setDown(false);
    await node?.service.close();
    await db?.cleanup();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  test('login gets 421, DELE/RMD/RNTO/STOR complete, usage equals the disk afterwards', async () => {
    const s = switchable.current as ReturnType<typeof switchableDb>;
    await outageScenario(db, node as Node, {
      goDown: async () => s.setDown(true),
      comeUp: async () => s.setDown(false),
    });
  });

  test('a process that stops with changes still unstored recounts those accounts at its next start', async () => {
    const s = switchable.current as ReturnType<typeof switchableDb>;
    await addAccount(db, 'crash');
    const client = await connect((node as Node).port, 'crash');
    await upload(client, bytes(6 * KIB), 'a.bin');
    await upload(client, bytes(1 * KIB), 'b.bin');
    s.setDown(true);
    await client.remove('a.bin');
    await upload(client, bytes(9 * KIB), 'c.bin');
    client.close();
    // Stopping while the database is still away: nothing can be stored, the list stays on disk.
    await (node as Node).service.close();
    node = null;
    const journal = path.join(root, 'data', USAGE_JOURNAL_FILE);
    assert.ok(existsSync(journal), 'the journal lists the account');
    const before = await findAccountByUsername(db.prisma, 'crash');
    assert.equal(before?.usedBytes, 7 * KIB, 'the database still has the old usage');
    s.setDown(false);
    node = await startNode(s.db, root);
    await assertUsageMatchesDisk(db, node, 'crash', 0);
    const after = await findAccountByUsername(db.prisma, 'crash');
    assert.deepEqual({ bytes: after?.usedBytes, files: after?.usedFiles }, { bytes: 10 * KIB, files: 2 });
    assert.equal(existsSync(journal), false, 'the journal is gone once applied');
  });
});

const pgSkip = skipUnless(canRunThrowawayPostgres(), 'a throwaway PostgreSQL cluster (initdb and pg_ctl under /usr/lib/postgresql/*/bin)');

describe('FTP service through a database outage (postgresql, own cluster stopped and started)', { skip: pgSkip }, () => {
  let cluster: ThrowawayPostgres | null = null;
  let db: TestDb;
  let root: string;
  let node: Node | null = null;
  const savedUrl = process.env.TEST_DATABASE_URL;

  before(async () => {
    cluster = await startThrowawayPostgres();
    // The test database (and its migrated template) live in the throwaway cluster.
    process.env.TEST_DATABASE_URL = cluster.url;
    db = await createTestDb('postgresql');
    await updateServerSettings(db.prisma, { pasvPortMin: 0, pasvPortMax: 0, banFailures: 2, banWindowSec: 600 });
    root = realpathSync(mkdtempSync(path.join(tmpdir(), 'ftp-outage-pg-')));
    node = await startNode(db, root);
  });
  after(async () => {
    await cluster?.start().catch(() => {});
    await node?.service.close();
    await db?.cleanup().catch(() => {});
    await cluster?.destroy();
    if (savedUrl === undefined) delete process.env.TEST_DATABASE_URL;
    else process.env.TEST_DATABASE_URL = savedUrl;
    if (root) rmSync(root, { recursive: true, force: true });
  });

  test('login gets 421, DELE/RMD/RNTO/STOR complete, usage equals the disk afterwards', async () => {
    const c = cluster as ThrowawayPostgres;
    await outageScenario(db, node as Node, { goDown: () => c.stop(), comeUp: () => c.start() });
  });
});
