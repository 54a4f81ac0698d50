// Login throughput of the FTP service against real argon2id hashes (ARGON2_PARAMS) stored in
// SQLite: SESSIONS concurrent control connections each log in once, first with a cold credential
// cache (every login pays argon2), then again with a warm one (HMAC lookups).
//   npm run bench -w @ftp-panel/core        (SESSIONS=200 ACCOUNTS=200 by default)
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { createAccount, createDb, migrateDatabase, updateServerSettings } from '@ftp-panel/db';
import { ARGON2_PARAMS, createEventBus, createPasswordHasher, loadConfig, startFtpService } from '../src/index.ts';

const SESSIONS = Number(process.env.SESSIONS ?? 200);
const ACCOUNTS = Number(process.env.ACCOUNTS ?? 200);
const PASSWORD = 'bench-password-0123';
const SILENT = { info() {}, warn() {}, error() {}, debug() {} };

/** Connects, logs in, quits; resolves with the time from connect to the 230 reply. */
function login(port: number, username: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const socket = net.connect({ port, host: '127.0.0.1' });
    let buffer = '';
    socket.setEncoding('utf8');
    socket.on('error', reject);
    socket.on('data', (text: string) => {
      buffer += text;
      const lines = buffer.split('\r\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        if (line.startsWith('220 ')) socket.write(`USER ${username}\r\n`);
        else if (line.startsWith('331 ')) socket.write(`PASS ${PASSWORD}\r\n`);
        else if (line.startsWith('230 ')) {
          const ms = performance.now() - started;
          socket.end('QUIT\r\n');
          resolve(ms);
        } else if (/^[45]\d\d /.test(line)) {
          socket.destroy();
          reject(new Error(`${username}: ${line}`));
        }
      }
    });
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function round(port: number, label: string): Promise<string[]> {
  const started = performance.now();
  const times = await Promise.all(Array.from({ length: SESSIONS }, (_, i) => login(port, `bench${i % ACCOUNTS}`)));
  const totalMs = performance.now() - started;
  times.sort((a, b) => a - b);
  return [label, `${(totalMs / 1000).toFixed(2)} s`, (SESSIONS / (totalMs / 1000)).toFixed(0), `${percentile(times, 50).toFixed(0)} ms`, `${percentile(times, 99).toFixed(0)} ms`];
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const line = (r: string[]) => `| ${r.map((cell, c) => cell.padEnd(widths[c]!)).join(' | ')} |`;
  return [line(rows[0]!), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.slice(1).map(line)].join('\n');
}

async function main(): Promise<void> {
  const root = mkdtempSync(path.join(tmpdir(), 'bench-logins-'));
  const config = loadConfig({ DATA_DIR: root, FTP_HOST: '127.0.0.1', FTP_PORT: '0', CREDENTIAL_CACHE_TTL_SEC: '300' });
  const db = await createDb({ databaseUrl: undefined, dataDir: root });
  await migrateDatabase(db);
  await updateServerSettings(db.prisma, { pasvPortMin: 0, pasvPortMax: 0, maxSessions: 0, maxSessionsPerIp: 0, banFailures: 0 });
  const hasher = createPasswordHasher(ARGON2_PARAMS);
  process.stdout.write(`creating ${ACCOUNTS} accounts with argon2id m=${ARGON2_PARAMS.memoryCost} KiB t=${ARGON2_PARAMS.timeCost} p=${ARGON2_PARAMS.parallelism}...\n`);
  const hash = await hasher.hash(PASSWORD);
  for (let i = 0; i < ACCOUNTS; i++) {
    // Same password, distinct salts: every account verifies its own hash.
    const passwordHash = i === 0 ? hash : await hasher.hash(PASSWORD);
    await createAccount(db.prisma, { username: `bench${i}`, passwordHash, homeDir: `bench${i}` });
  }
  const calibrationStart = performance.now();
  for (let i = 0; i < 10; i++) await hasher.verify(hash, PASSWORD);
  const verifyMs = (performance.now() - calibrationStart) / 10;
  const service = await startFtpService({ config, db, hasher, bus: createEventBus(), logger: SILENT, isControlSocketEnabled: false });
  const port = service.addresses.ftp.port;
  try {
    const rows = [['cache', 'total', 'logins/s', 'p50', 'p99']];
    rows.push(await round(port, 'cold'));
    rows.push(await round(port, 'warm'));
    process.stdout.write(`\n${SESSIONS} concurrent sessions, ${ACCOUNTS} accounts, SQLite; one argon2 verification alone: ${verifyMs.toFixed(0)} ms; load average ${loadavg()[0]?.toFixed(1)}\n\n${table(rows)}\n`);
  } finally {
    await service.close();
    await db.close();
    rmSync(root, { recursive: true, force: true });
  }
}

await main();
