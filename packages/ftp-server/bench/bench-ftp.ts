// Loopback benchmark of the FTP engine against the machine's loopback limit (iperf3, one TCP
// stream: C speed, not a JavaScript pipe, which caps near 500 MB/s here). The server runs in a child
// process (so client work and client sockets do not count in its CPU or RSS); clients here use
// bare sockets, because a full client library would dominate the small-file timings.
// Usage: npm run bench -w @ftp-panel/ftp-server   (or from the root: npm run bench:ftp)
import { fork, spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { FtpServer } from '../src/index.ts';
import type { Permission } from '../src/index.ts';

const GIB = 1024 * 1024 * 1024;
const HIGH_WATER_MARK = 256 * 1024;
const BIG_SIZE = Number(process.env.BENCH_BIG_BYTES ?? GIB);

type Ports = { ftp: number };

// ---------------------------------------------------------------- server side (child process)

async function serve(dir: string): Promise<void> {
  const home = path.join(dir, 'home');
  const permissions: ReadonlySet<Permission> = new Set(['list', 'read', 'write', 'delete', 'rename', 'mkdir']);
  const server = new FtpServer({
    hooks: { authenticate: async () => ({ accountId: 'bench', home, permissions }) },
    maxSessions: 5000,
    maxSessionsPerIp: 5000,
    failedLoginDelayMs: 0,
    idleTimeoutMs: 600_000,
  });
  const { port } = await server.listen({ port: 0, host: '127.0.0.1' });
  const ports: Ports = { ftp: port };
  process.on('message', (message) => {
    if (message === 'rss') {
      (globalThis as { gc?: () => void }).gc?.();
      setTimeout(() => {
        (globalThis as { gc?: () => void }).gc?.();
        process.send?.({ rss: process.memoryUsage().rss, sessions: [...server.sessions].length });
      }, 200);
    } else if (message === 'exit') {
      void server.close({ deadlineMs: 100 }).then(() => process.exit(0));
    }
  });
  process.send?.({ ports });
}

// ---------------------------------------------------------------- minimal client

class Control {
  readonly socket: net.Socket;
  #buffer = '';
  #waiters: ((line: string) => void)[] = [];
  #lines: string[] = [];

  private constructor(socket: net.Socket) {
    this.socket = socket;
    socket.setEncoding('utf8');
    socket.setNoDelay(true);
    socket.on('data', (text: string) => {
      this.#buffer += text;
      let index: number;
      while ((index = this.#buffer.indexOf('\r\n')) >= 0) {
        const line = this.#buffer.slice(0, index);
        this.#buffer = this.#buffer.slice(index + 2);
        // Only final reply lines ("ddd text") matter to this client.
        if (!/^\d{3} /.test(line)) continue;
        const waiter = this.#waiters.shift();
        if (waiter) waiter(line);
        else this.#lines.push(line);
      }
    });
  }

  static async open(port: number): Promise<Control> {
    const socket = net.connect({ port, host: '127.0.0.1' });
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    const control = new Control(socket);
    await control.expect('220');
    return control;
  }

  read(): Promise<string> {
    const line = this.#lines.shift();
    if (line !== undefined) return Promise.resolve(line);
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  async expect(code: string): Promise<string> {
    const line = await this.read();
    if (!line.startsWith(code)) throw new Error(`expected ${code}, got: ${line}`);
    return line;
  }

  async command(line: string, code: string): Promise<string> {
    this.socket.write(`${line}\r\n`);
    return this.expect(code);
  }

  async login(): Promise<void> {
    await this.command('USER bench', '331');
    await this.command('PASS bench', '230');
  }

  /** EPSV and connect the data socket. */
  async data(): Promise<net.Socket> {
    const socket = await this.dataStarted();
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    return socket;
  }

  /** EPSV and a data socket still connecting: the next command can go out in the same round trip. */
  async dataStarted(): Promise<net.Socket> {
    const reply = await this.command('EPSV', '229');
    const port = Number(/\|\|\|(\d+)\|/.exec(reply)?.[1]);
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.setNoDelay(true);
    return socket;
  }

  close(): void {
    this.socket.destroy();
  }
}

function drain(socket: net.Socket): Promise<number> {
  return new Promise((resolve, reject) => {
    let bytes = 0;
    socket.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
    });
    socket.once('end', () => resolve(bytes));
    socket.once('error', reject);
  });
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return (performance.now() - started) / 1000;
}

// ---------------------------------------------------------------- scenarios

async function ftpRetr(control: Control, out: string): Promise<number> {
  const data = await control.data();
  return time(async () => {
    control.socket.write('RETR big.bin\r\n');
    await control.expect('150');
    await pipeline(data, fs.createWriteStream(out, { highWaterMark: HIGH_WATER_MARK }));
    await control.expect('226');
  });
}

async function ftpStor(control: Control, source: string): Promise<number> {
  const data = await control.data();
  return time(async () => {
    await control.command('STOR uploaded.bin', '150');
    await pipeline(fs.createReadStream(source, { highWaterMark: HIGH_WATER_MARK }), data);
    await control.expect('226');
  });
}

async function smallFiles(control: Control, count: number): Promise<number> {
  return time(async () => {
    // Pipelined like lftp with sync-mode off: RETR goes out while the data connection is still
    // being made, and the next EPSV goes out before the 226 of the current file arrives (the
    // server queues it behind the transfer and answers in order).
    control.socket.write('EPSV\r\n');
    for (let i = 0; i < count; i++) {
      const reply = await control.expect('229');
      const data = net.connect({ port: Number(/\|\|\|(\d+)\|/.exec(reply)?.[1]), host: '127.0.0.1' });
      data.setNoDelay(true);
      const received = drain(data);
      control.socket.write(`RETR small/f${i}.bin\r\n`);
      await control.expect('150');
      await received;
      if (i + 1 < count) control.socket.write('EPSV\r\n');
      await control.expect('226');
    }
  });
}

async function bigList(control: Control): Promise<{ seconds: number; bytes: number }> {
  const data = await control.data();
  let bytes = 0;
  const seconds = await time(async () => {
    const received = drain(data);
    control.socket.write('LIST many\r\n');
    await control.expect('150');
    bytes = await received;
    await control.expect('226');
  });
  return { seconds, bytes };
}

async function concurrentSessions(port: number, count: number): Promise<number> {
  return time(() =>
    Promise.all(
      Array.from({ length: count }, async () => {
        const control = await Control.open(port);
        await control.login();
        const data = await control.data();
        const received = drain(data);
        control.socket.write('RETR small/f0.bin\r\n');
        await control.expect('150');
        await received;
        await control.expect('226');
        await control.command('QUIT', '221');
        control.close();
      }),
    ),
  );
}

async function repeat(run: () => Promise<number>, times = 3): Promise<number[]> {
  const results: number[] = [];
  for (let i = 0; i < times; i++) results.push(await run());
  return results.sort((a, b) => a - b);
}

function median(sorted: number[]): number {
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function spread(sorted: number[]): string {
  return `${median(sorted).toFixed(3)} s (${(sorted[0] ?? 0).toFixed(3)}–${(sorted.at(-1) ?? 0).toFixed(3)})`;
}

type Iperf = { binary: string; libraryPath: string };

/**
 * iperf3 from PATH (or BENCH_IPERF3), else the Debian package unpacked into the bench folder the
 * way bench:peers does it (apt-get download + dpkg-deb -x: nothing installed, no service).
 */
function findIperf3(dir: string): Iperf | null {
  const explicit = process.env.BENCH_IPERF3;
  if (explicit) return { binary: explicit, libraryPath: '' };
  if (spawnSync('iperf3', ['--version']).status === 0) return { binary: 'iperf3', libraryPath: '' };
  const root = path.join(dir, 'iperf3-root');
  const debs = path.join(dir, 'iperf3-debs');
  fs.mkdirSync(debs, { recursive: true });
  // A package that cannot be downloaded shows up below as a missing binary.
  for (const pkg of ['iperf3', 'libiperf0', 'libsctp1']) spawnSync('apt-get', ['download', '-qq', pkg], { cwd: debs });
  for (const deb of fs.readdirSync(debs).filter((f) => f.endsWith('.deb'))) spawnSync('dpkg-deb', ['-x', path.join(debs, deb), root]);
  const binary = path.join(root, 'usr/bin/iperf3');
  if (!fs.existsSync(binary)) {
    process.stdout.write('iperf3 not found (set BENCH_IPERF3, install iperf3, or run on Debian/Ubuntu with apt-get): no loopback baseline\n');
    return null;
  }
  return { binary, libraryPath: [path.join(root, 'usr/lib/x86_64-linux-gnu'), path.join(root, 'usr/lib')].join(':') };
}

/** One TCP stream over loopback for 3 s, in MB/s (10^6 bytes). */
async function loopbackLimit(iperf: Iperf): Promise<number> {
  const env = { ...process.env, LD_LIBRARY_PATH: [iperf.libraryPath, process.env.LD_LIBRARY_PATH].filter(Boolean).join(':') };
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as net.AddressInfo).port;
  await new Promise((resolve) => probe.close(resolve));
  const server = spawn(iperf.binary, ['-s', '-1', '-B', '127.0.0.1', '-p', String(port)], { env, stdio: 'ignore' });
  try {
    await new Promise((r) => setTimeout(r, 300));
    const client = spawnSync(iperf.binary, ['-c', '127.0.0.1', '-p', String(port), '-t', '3', '-J'], { env, encoding: 'utf8' });
    const json = JSON.parse(client.stdout) as { end?: { sum_received?: { bits_per_second: number } } };
    return (json.end?.sum_received?.bits_per_second ?? 0) / 8 / 1e6;
  } catch {
    return 0;
  } finally {
    server.kill();
  }
}

function ask<T>(child: ChildProcess, message: string): Promise<T> {
  return new Promise((resolve) => {
    child.once('message', (reply) => resolve(reply as T));
    child.send(message);
  });
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ftp-bench-'));
  const home = path.join(dir, 'home');
  fs.mkdirSync(path.join(home, 'small'), { recursive: true });
  fs.mkdirSync(path.join(home, 'many'));
  const big = path.join(home, 'big.bin');
  process.stdout.write(`preparing ${BIG_SIZE} byte file and fixtures in ${dir}\n`);
  const block = randomBytes(1024 * 1024);
  const fd = fs.openSync(big, 'w');
  for (let written = 0; written < BIG_SIZE; written += block.length) fs.writeSync(fd, block, 0, Math.min(block.length, BIG_SIZE - written));
  fs.closeSync(fd);
  for (let i = 0; i < 1000; i++) fs.writeFileSync(path.join(home, 'small', `f${i}.bin`), randomBytes(4096));
  for (let i = 0; i < 10_000; i++) fs.writeFileSync(path.join(home, 'many', `entry-${String(i).padStart(5, '0')}.txt`), '');

  const child = fork(fileURLToPath(import.meta.url), ['--server', dir], { execArgv: ['--expose-gc', '--import', 'tsx'] });
  const { ports } = await new Promise<{ ports: Ports }>((resolve) => child.once('message', (m) => resolve(m as { ports: Ports })));
  const out = path.join(dir, 'out.bin');
  const results: { name: string; value: string; target: string; isMet: boolean | null }[] = [];
  try {
    // Measured first, in a fresh server process: after the big transfers the heap has room to
    // spare and new sessions would hide inside memory already resident.
    await new Promise((r) => setTimeout(r, 300));
    const before = await ask<{ rss: number; sessions: number }>(child, 'rss');
    const idle: Control[] = [];
    for (let batch = 0; batch < 10; batch++) {
      idle.push(...(await Promise.all(Array.from({ length: 100 }, async () => {
        const c = await Control.open(ports.ftp);
        await c.login();
        return c;
      }))));
    }
    const after = await ask<{ rss: number; sessions: number }>(child, 'rss');
    const perSession = (after.rss - before.rss) / idle.length / 1024;
    results.push({ name: `RSS per idle logged-in session (${after.sessions} sessions)`, value: `${perSession.toFixed(1)} KiB`, target: '<= 64 KiB', isMet: perSession <= 64 });
    for (const c of idle) c.close();
    await new Promise((r) => setTimeout(r, 500));
    const control = await Control.open(ports.ftp);
    await control.login();
    await control.command('TYPE I', '200');
    // Small files, listing and session churn run first, before gigabytes of dirty pages are
    // being written back and competing for the disk.
    // Three runs each, reported as median (min–max): on a small shared VM one run is mostly noise.
    const small = await repeat(() => smallFiles(control, 1000));
    results.push({ name: '1,000 files of 4 KiB, one session', value: spread(small), target: '< 1.0 s', isMet: median(small) < 1.0 });
    let listBytes = 0;
    const list = await repeat(async () => {
      const run = await bigList(control);
      listBytes = run.bytes;
      return run.seconds;
    });
    results.push({ name: 'LIST of 10,000 entries', value: `${spread(list)}, ${listBytes} bytes`, target: '< 0.15 s', isMet: median(list) < 0.15 });
    const concurrent = await repeat(() => concurrentSessions(ports.ftp, 200));
    results.push({ name: '200 concurrent sessions (login, RETR 4 KiB, QUIT)', value: spread(concurrent), target: '< 1.0 s', isMet: median(concurrent) < 1.0 });

    await pipeline(fs.createReadStream(big, { highWaterMark: HIGH_WATER_MARK }), fs.createWriteStream('/dev/null'));
    const mb = BIG_SIZE / 1e6;
    // Best of two runs each, interleaved with the loopback measurement, so page-cache and
    // scheduler noise hits both sides alike.
    const iperf = findIperf3(dir);
    let loopback = 0;
    let retr = 0;
    let stor = 0;
    for (let round = 0; round < 2; round++) {
      if (iperf) loopback = Math.max(loopback, await loopbackLimit(iperf));
      retr = Math.max(retr, mb / (await ftpRetr(control, out)));
      fs.rmSync(out);
      stor = Math.max(stor, mb / (await ftpStor(control, big)));
      fs.rmSync(path.join(home, 'uploaded.bin'), { force: true });
    }
    control.close();
    const sizeLabel = BIG_SIZE === GIB ? '1 GiB' : `${BIG_SIZE} B`;
    const ofLoopback = (value: number): string => (loopback > 0 ? ` (${((value / loopback) * 100).toFixed(0)} % of loopback)` : '');
    results.push({ name: 'loopback limit (iperf3, one TCP stream, memory to memory)', value: loopback > 0 ? `${loopback.toFixed(0)} MB/s` : 'iperf3 unavailable', target: 'baseline', isMet: null });
    // No pass/fail here: the comparison that counts is with vsftpd, ProFTPD and pyftpdlib (npm run bench:peers).
    results.push({ name: `RETR ${sizeLabel} (file → socket → file)`, value: `${retr.toFixed(0)} MB/s${ofLoopback(retr)}`, target: 'see bench:peers', isMet: null });
    results.push({ name: `STOR ${sizeLabel} (file → socket → file)`, value: `${stor.toFixed(0)} MB/s${ofLoopback(stor)}`, target: 'see bench:peers', isMet: null });

  } finally {
    child.send('exit');
    await new Promise((resolve) => child.once('exit', resolve));
    fs.rmSync(dir, { recursive: true, force: true });
  }

  const lines = ['| scenario | result | target | met |', '|---|---|---|---|'];
  for (const r of results) lines.push(`| ${r.name} | ${r.value} | ${r.target} | ${r.isMet === null ? '' : r.isMet ? 'yes' : '**no**'} |`);
  process.stdout.write(`\nNode ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${os.platform()} ${os.release()}\n\n${lines.join('\n')}\n`);
}

if (process.argv[2] === '--server') await serve(process.argv[3] as string);
else await main();
