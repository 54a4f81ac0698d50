// A separate FTP service process for the crash test (service-temp-sweep.test.ts): it serves the
// test's database and homes until the test kills it with SIGKILL mid-upload.
import { createDb } from '@ftp-panel/db';
import { loadConfig } from '../config.ts';
import { createEventBus } from '../events/bus.ts';
import { startFtpService } from './service.ts';
import { FAST_HASHER } from './test-helpers.ts';

const SILENT = { info() {}, warn() {}, error() {}, debug() {} };
const env = process.env as Record<string, string>;
const config = loadConfig({
  DATABASE_URL: env.DATABASE_URL as string,
  DATA_DIR: env.DATA_DIR as string,
  HOMES_DIR: env.HOMES_DIR as string,
  FTP_HOST: '127.0.0.1',
  FTP_PORT: '0',
});
const db = await createDb({ databaseUrl: env.DATABASE_URL as string, dataDir: config.dataDir, poolSize: 2 });
const service = await startFtpService({ config, db, hasher: FAST_HASHER, bus: createEventBus(), logger: SILENT, isControlSocketEnabled: false });
process.stdout.write(`${JSON.stringify({ port: service.addresses.ftp.port })}\n`);
