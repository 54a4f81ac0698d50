// A PostgreSQL cluster of a test's own (initdb into a temporary folder, its own port), for tests
// that stop and start the server: the shared test server other suites use is never touched.
// initdb refuses to run as root, so as root the binaries run as the postgres OS user.
import { execFile, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const PG_ROOT = '/usr/lib/postgresql';

/** The folder holding initdb and pg_ctl (newest version first), or null. */
export function findPostgresBin(): string | null {
  const candidates: string[] = [];
  if (process.env.PG_BIN) candidates.push(process.env.PG_BIN);
  if (existsSync(PG_ROOT)) {
    const versions = readdirSync(PG_ROOT).sort((a, b) => Number(b) - Number(a));
    for (const v of versions) candidates.push(path.join(PG_ROOT, v, 'bin'));
  }
  return candidates.find((dir) => existsSync(path.join(dir, 'initdb')) && existsSync(path.join(dir, 'pg_ctl'))) ?? null;
}

const isRoot = (): boolean => process.getuid?.() === 0;

function postgresUser(): { uid: number; gid: number } | null {
  const uid = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (uid.status !== 0 || gid.status !== 0) return null;
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/** Whether a throwaway cluster can be made here (binaries, and as root the postgres user and runuser). */
export function canRunThrowawayPostgres(): boolean {
  if (!findPostgresBin()) return false;
  if (!isRoot()) return true;
  return postgresUser() !== null && spawnSync('runuser', ['--help'], { stdio: 'ignore' }).status === 0;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export type ThrowawayPostgres = {
  /** Admin URL (database "postgres", user postgres, trust auth). */
  url: string;
  port: number;
  stop(): Promise<void>;
  start(): Promise<void>;
  destroy(): Promise<void>;
};

export async function startThrowawayPostgres(): Promise<ThrowawayPostgres> {
  const bin = findPostgresBin();
  if (!bin) throw new Error('PostgreSQL server binaries (initdb, pg_ctl) not found');
  const dir = mkdtempSync(path.join(tmpdir(), 'ftp-pg-cluster-'));
  const data = path.join(dir, 'data');
  if (isRoot()) {
    const user = postgresUser();
    if (!user) throw new Error('no postgres OS user to run initdb as');
    chownSync(dir, user.uid, user.gid);
  }
  const pg = async (tool: string, args: string[]): Promise<void> => {
    const command = path.join(bin, tool);
    const [file, argv] = isRoot() ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
    await run(file, argv, { cwd: dir, timeout: 60_000 });
  };
  await pg('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync']);
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=40`;
  const start = (): Promise<void> => pg('pg_ctl', ['-D', data, '-l', path.join(dir, 'server.log'), '-w', '-t', '30', '-o', options, 'start']);
  await start();
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    port,
    start,
    stop: () => pg('pg_ctl', ['-D', data, '-m', 'fast', '-w', '-t', '30', 'stop']),
    async destroy() {
      await pg('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
