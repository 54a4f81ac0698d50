// Upload temp files never pile up: the ones a killed process left are removed when the service
// starts, abandoned ones are swept periodically while uploads in progress keep theirs, and the
// stored usage equals the real files.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { createAccount, findAccountByUsername, updateServerSettings } from '@ftp-panel/db';
import { createTestDb, testProviders } from '@ftp-panel/db/testing';
import type { TestDb } from '@ftp-panel/db/testing';
import { isTempUploadName } from '@ftp-panel/ftp-server';
import { Client } from 'basic-ftp';
import { measureDiskUsage } from '../accounts/usage.ts';
import { loadConfig } from '../config.ts';
import type { AppConfig } from '../config.ts';
import { createEventBus } from '../events/bus.ts';
import { startFtpService } from './service.ts';
import type { FtpService } from './service.ts';
import { FAST_HASHER, PASSWORD, RawControl, bytes, download, upload, waitFor } from './test-helpers.ts';

const SILENT = { info() {}, warn() {}, error() {}, debug() {} };
const KIB = 1024;
const HOUR = 3600_000;
const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'temp-sweep-child.ts');

/** Temp files below dir, relative to it. */
function tempFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return (readdirSync(dir, { recursive: true }) as string[]).filter((name) => isTempUploadName(path.basename(name))).sort();
}

function planted(file: string, size: number, ageMs: number): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, Buffer.alloc(size));
  const when = new Date(Date.now() - ageMs);
  utimesSync(file, when, when);
}

/** A service process of its own, on the test's database and directories. */
async function startChild(db: TestDb, config: AppConfig): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    env: { ...process.env, DATABASE_URL: db.url, DATA_DIR: config.dataDir, HOMES_DIR: config.homesDir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n') && line) resolve((JSON.parse(line) as { port: number }).port);
    });
    child.once('exit', (code) => reject(new Error(`child service exited (${code}) before listening`)));
  });
  return { child, port };
}

for (const { provider, skip } of await testProviders()) {
  describe(`FTP service upload temp files (${provider})`, { skip }, () => {
    let db: TestDb;
    let root: string;
    let config: AppConfig;
    const services = new Set<FtpService>();

    const start = async (tempSweep: { intervalMs?: number; staleAfterMs?: number }): Promise<FtpService> => {
      const service = await startFtpService({
        config,
        db,
        hasher: FAST_HASHER,
        bus: createEventBus(),
        logger: SILENT,
        engineOptions: { failedLoginDelayMs: 20 },
        isControlSocketEnabled: false,
        tempSweep,
      });
      services.add(service);
      const close = service.close.bind(service);
      service.close = async () => {
        services.delete(service);
        await close();
      };
      return service;
    };

    before(async () => {
      db = await createTestDb(provider);
      root = realpathSync(mkdtempSync(path.join(tmpdir(), 'ftp-temp-sweep-')));
      config = loadConfig({ DATA_DIR: path.join(root, 'data'), HOMES_DIR: path.join(root, 'homes'), FTP_HOST: '127.0.0.1', FTP_PORT: '0' });
      await updateServerSettings(db.prisma, { pasvPortMin: 0, pasvPortMax: 0, banFailures: 0 });
      for (const username of ['crash', 'live']) {
        await createAccount(db.prisma, { username, passwordHash: await FAST_HASHER.hash(PASSWORD), homeDir: username });
      }
    });
    after(async () => {
      for (const service of services) await service.close();
      await db?.cleanup();
      rmSync(root, { recursive: true, force: true });
    });

    test('kill -9 mid-upload: the temp file is gone once the service is back, usage equals the real files', async () => {
      const { child, port } = await startChild(db, config);
      const exited = new Promise((resolve) => child.once('exit', resolve));
      const home = path.join(config.homesDir, 'crash');
      try {
        const client = new Client(10_000);
        await client.access({ host: '127.0.0.1', port, user: 'crash', password: PASSWORD });
        await upload(client, bytes(10 * KIB), 'done.bin');
        client.close();

        const raw = await RawControl.connect(port);
        await raw.read();
        await raw.command('USER crash');
        assert.match(await raw.command(`PASS ${PASSWORD}`), /^230 /);
        assert.match(await raw.command('TYPE I'), /^200 /);
        const epsv = /\(\|\|\|(\d+)\|\)/.exec(await raw.command('EPSV'));
        const data = net.connect({ port: Number(epsv?.[1]), host: '127.0.0.1' });
        data.on('error', () => {});
        await new Promise((resolve) => data.once('connect', resolve));
        assert.match(await raw.command('STOR big.bin'), /^150 /);
        data.write(bytes(256 * KIB));
        await waitFor(() => tempFiles(home).some((name) => statSync(path.join(home, name)).size > 0), 5000, 'the temp file to fill');
        child.kill('SIGKILL');
        await exited;
        raw.close();
        data.destroy();
      } finally {
        child.kill('SIGKILL');
      }
      assert.equal(tempFiles(home).length, 1, 'the crash left its temp file');
      // What another node would have left too, deeper down.
      planted(path.join(home, 'sub/dir/.ftp-upload-00000000000000aa.part'), 5000, HOUR);

      // Older than the stale age by the time the service starts: a crash just before a restart.
      await new Promise((resolve) => setTimeout(resolve, 600));
      const service = await start({ staleAfterMs: 500 });
      await service.sweepTempUploads();
      assert.deepEqual(tempFiles(config.homesDir), []);
      await waitFor(
        async () => {
          const account = await findAccountByUsername(db.prisma, 'crash');
          const disk = await measureDiskUsage(home);
          return account?.usedBytes === disk.bytes && account.usedFiles === disk.files;
        },
        10_000,
        'stored usage to equal the disk',
      );
      assert.deepEqual(await measureDiskUsage(home), { bytes: 10 * KIB, files: 1 });
      assert.ok(!existsSync(path.join(home, 'big.bin')));
      await service.close();
    });

    test('periodic sweep: abandoned temp files go, an upload in progress keeps its own', async () => {
      // Stale age 0: only the engine's registry of running uploads keeps the live temp file.
      const service = await start({ intervalMs: 150, staleAfterMs: 0 });
      const home = path.join(config.homesDir, 'live');
      mkdirSync(home, { recursive: true });
      await service.sweepTempUploads();
      const client = new Client(10_000);
      await client.access({ host: '127.0.0.1', port: service.addresses.ftp.port, user: 'live', password: PASSWORD });
      // A slow upload: a chunk every 100 ms for about 2.5 s, through many sweeps.
      const chunks = Array.from({ length: 25 }, (_, i) => bytes(4 * KIB, i));
      const slow = Readable.from(
        (async function* () {
          for (const chunk of chunks) {
            await new Promise((resolve) => setTimeout(resolve, 100));
            yield chunk;
          }
        })(),
      );
      const uploading = client.uploadFrom(slow, 'slow.bin');
      await waitFor(() => tempFiles(home).length === 1, 5000, 'the upload temp file');
      // Left by a crash after the service started.
      planted(path.join(home, 'old/.ftp-upload-00000000000000bb.part'), 7000, HOUR);
      planted(path.join(home, '.ftp-upload-00000000000000cc.part'), 100, HOUR);
      await waitFor(() => tempFiles(home).length === 1, 2000, 'the periodic sweep');
      await uploading;
      assert.deepEqual(await download(client, 'slow.bin'), Buffer.concat(chunks));
      assert.deepEqual(tempFiles(home), []);
      client.close();
      await service.close();
    });

    test('close stops the timers and waits for a running sweep', async () => {
      const service = await start({ intervalMs: 50, staleAfterMs: 0 });
      await service.close();
      const leftover = path.join(config.homesDir, 'live/.ftp-upload-00000000000000dd.part');
      planted(leftover, 10, HOUR);
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.ok(existsSync(leftover), 'a closed service sweeps no more');
      rmSync(leftover);
    });
  });
}
