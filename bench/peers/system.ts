// Process, package and user plumbing for bench:peers. Everything started or created here is
// recorded so that cleanupSync() can undo it on success, failure and Ctrl-C alike.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export type RunResult = { code: number; stdout: string; stderr: string; seconds: number };

/** Runs a command to completion; never throws for a non-zero exit (the caller judges). */
export function run(cmd: string, args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number } = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(cmd, args, { env: options.env ?? process.env, cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    const timer = options.timeoutMs ? setTimeout(() => child.kill('SIGKILL'), options.timeoutMs) : null;
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      const seconds = (performance.now() - started) / 1000;
      resolve({ code: code ?? (signal ? 128 : 1), stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), seconds });
    });
  });
}

export function runSync(cmd: string, args: string[], input?: string, cwd?: string): RunResult {
  const started = performance.now();
  const r = spawnSync(cmd, args, { input, cwd, encoding: 'utf8' });
  return { code: r.status ?? 1, stdout: r.stdout ?? '', stderr: r.stderr ?? String(r.error ?? ''), seconds: (performance.now() - started) / 1000 };
}

export function mustSync(cmd: string, args: string[], input?: string): string {
  const r = runSync(cmd, args, input);
  if (r.code !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.code}): ${r.stderr.trim() || r.stdout.trim()}`);
  return r.stdout;
}

// ---- cleanup registry -------------------------------------------------------------------------

type Daemon = { name: string; pid: number };
const daemons: Daemon[] = [];
const undo: Array<{ label: string; fn: () => void }> = [];

export function onCleanup(label: string, fn: () => void): void {
  undo.push({ label, fn });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Stops every daemon (whole process group: vsftpd and ProFTPD fork one child per session). */
export function stopDaemonsSync(): void {
  for (const d of daemons) {
    try {
      process.kill(-d.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  const deadline = Date.now() + 5000;
  while (daemons.some((d) => isAlive(d.pid)) && Date.now() < deadline) sleepSync(100);
  for (const d of daemons) {
    try {
      process.kill(-d.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  daemons.length = 0;
}

let isCleanedUp = false;
export function cleanupSync(): void {
  if (isCleanedUp) return;
  isCleanedUp = true;
  stopDaemonsSync();
  for (const { label, fn } of undo.reverse()) {
    try {
      fn();
    } catch (err) {
      process.stderr.write(`cleanup (${label}) failed: ${err instanceof Error ? err.message : String(err)}\n`);
    }
  }
}

/** Starts a long-running process in its own process group, output to logFile. */
export function startDaemon(name: string, cmd: string, args: string[], logFile: string, env: NodeJS.ProcessEnv = process.env, cwd?: string): Daemon {
  const fd = openSync(logFile, 'a');
  const child = spawn(cmd, args, { env, cwd, detached: true, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  if (child.pid === undefined) throw new Error(`${name}: could not start ${cmd}`);
  const daemon = { name, pid: child.pid };
  daemons.push(daemon);
  child.on('exit', (code, signal) => {
    if (!isCleanedUp && daemons.includes(daemon)) process.stderr.write(`${name} exited early (${code ?? signal}); see ${logFile}\n`);
  });
  child.unref();
  return daemon;
}

/** Resolves once the port answers with an FTP greeting (220), or rejects after timeoutMs. */
export async function waitForGreeting(name: string, port: number, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const greeting = await new Promise<string>((resolve) => {
      const socket = net.connect({ host: '127.0.0.1', port });
      let text = '';
      const done = (value: string) => {
        socket.destroy();
        resolve(value);
      };
      socket.setTimeout(2000, () => done(text));
      socket.on('data', (b: Buffer) => {
        text += b.toString('latin1');
        if (text.includes('\n')) done(text);
      });
      socket.on('error', () => done(''));
    });
    if (greeting.startsWith('220')) return;
    if (Date.now() > deadline) throw new Error(`${name} did not greet on port ${port} within ${timeoutMs / 1000} s (got ${JSON.stringify(greeting.slice(0, 80))})`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export function assertPortFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', () => reject(new Error(`port ${port} on 127.0.0.1 is in use (set BENCH_PEERS_PORT_BASE to move every port)`)));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
  });
}

// ---- Debian packages without installing them ---------------------------------------------------

function isInstalled(pkg: string): boolean {
  const r = runSync('dpkg-query', ['-W', '-f', '${Status}', pkg]);
  return r.code === 0 && r.stdout.includes('install ok installed');
}

function ensureAptLists(): void {
  const lists = '/var/lib/apt/lists';
  const hasLists = existsSync(lists) && readdirSync(lists).some((f) => f.endsWith('_Packages') || f.includes('_Packages.'));
  if (!hasLists) {
    process.stdout.write('apt lists are empty: apt-get update\n');
    mustSync('apt-get', ['update', '-qq']);
  }
}

/** Installs missing client tools (curl, lftp, python3-openssl...) with apt-get; they are not services. */
export function ensureInstalled(packages: string[]): string[] {
  const missing = packages.filter((p) => !isInstalled(p));
  if (missing.length === 0) return [];
  ensureAptLists();
  process.stdout.write(`apt-get install ${missing.join(' ')}\n`);
  mustSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing]);
  return missing;
}

function dependsOf(deb: string): string[] {
  const field = mustSync('dpkg-deb', ['-f', deb, 'Depends']);
  return field
    .split(',')
    .map((alt) => alt.split('|')[0]!.trim().split(/[\s(:]/)[0]!)
    .filter(Boolean);
}

/**
 * Downloads packages with `apt-get download` and unpacks them under root with `dpkg-deb -x`: no
 * maintainer scripts run, no service is registered. Library dependencies (lib*) that are not
 * installed are unpacked the same way, recursively; the caller adds them to LD_LIBRARY_PATH.
 */
export function fetchDebs(packages: string[], downloadDir: string, root: string): Map<string, string> {
  ensureAptLists();
  mkdirSync(downloadDir, { recursive: true });
  mkdirSync(root, { recursive: true });
  const versions = new Map<string, string>();
  const queue = [...packages];
  const seen = new Set<string>();
  while (queue.length) {
    const pkg = queue.shift()!;
    if (seen.has(pkg)) continue;
    seen.add(pkg);
    // apt-get download writes into its working directory.
    const r = runSync('apt-get', ['download', '-qq', pkg], undefined, downloadDir);
    if (r.code !== 0) throw new Error(`apt-get download ${pkg}: ${r.stderr.trim()}`);
    const deb = readdirSync(downloadDir).find((f) => f.startsWith(`${pkg}_`) && f.endsWith('.deb'));
    if (!deb) throw new Error(`apt-get download ${pkg}: no .deb written`);
    const target = path.join(downloadDir, deb);
    mustSync('dpkg-deb', ['-x', target, root]);
    versions.set(pkg, mustSync('dpkg-deb', ['-f', target, 'Version']).trim());
    for (const dep of dependsOf(target)) if (dep.startsWith('lib') && !isInstalled(dep) && !seen.has(dep)) queue.push(dep);
  }
  return versions;
}

/** Fails with the missing libraries when a binary would not load. */
export function assertLoadable(binary: string, libraryPath: string): void {
  const r = runSync('env', [`LD_LIBRARY_PATH=${libraryPath}`, 'ldd', binary]);
  const missing = r.stdout.split('\n').filter((l) => l.includes('not found'));
  if (missing.length) throw new Error(`${binary} cannot load: ${missing.map((l) => l.trim()).join(', ')}`);
}

// ---- throwaway system user (vsftpd authenticates through PAM against /etc/shadow) ---------------

export const USER_MARKER = 'ftp-panel bench-peers throwaway';

export function createThrowawayUser(name: string, home: string, password: string): { uid: number; gid: number } {
  const existing = runSync('getent', ['passwd', name]);
  if (existing.code === 0) {
    if (!existing.stdout.includes(USER_MARKER)) throw new Error(`user ${name} exists and is not ours; set BENCH_PEERS_USER to another name`);
    mustSync('userdel', [name]); // left behind by a killed run
  }
  mustSync('useradd', ['-M', '-d', home, '-s', '/usr/sbin/nologin', '-c', USER_MARKER, name]);
  onCleanup(`userdel ${name}`, () => {
    if (runSync('getent', ['passwd', name]).code === 0) mustSync('userdel', [name]);
  });
  // SHA-512 crypt, the same scheme as the ProFTPD AuthUserFile entry.
  mustSync('chpasswd', ['-c', 'SHA512'], `${name}:${password}\n`);
  const uid = Number(mustSync('id', ['-u', name]).trim());
  const gid = Number(mustSync('id', ['-g', name]).trim());
  return { uid, gid };
}

export function removeTree(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
