// `npm run bench:peers`: the product against vsftpd, ProFTPD and pyftpdlib on this machine, with the
// same clients, data set and limits, in interleaved rounds; see RESULTS.md for the method.
//   npm run bench:peers                 full run: 1 GiB file, 3 rounds (run it on a quiet machine)
//   npm run bench:peers -- --quick      smoke run: 64 MiB file, 1 round (RESULTS.quick.md)
// Needs root (a throwaway system user for vsftpd, apt-get) and Debian/Ubuntu apt.
import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, mkdirSync, mkdtempSync, openSync, writeFileSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DataSet, Mode } from './figures.ts';
import { FIGURES } from './figures.ts';
import { collectVersions, renderReport } from './report.ts';
import type { Sample } from './report.ts';
import type { Context, ServerName } from './servers.ts';
import { endpoints, HERE, SERVERS, startProduct, startProftpd, startPyftpdlib, startVsftpd } from './servers.ts';
import { assertLoadable, assertPortFree, cleanupSync, createThrowawayUser, ensureInstalled, fetchDebs, mustSync, onCleanup, removeTree, run, startDaemon } from './system.ts';

const PEER_PACKAGES = ['vsftpd', 'proftpd-core', 'proftpd-mod-crypto', 'python3-pyftpdlib', 'iperf3'];
// Clients and the Python the pyftpdlib package is built for (its TLS needs pyOpenSSL).
const CLIENT_PACKAGES = ['curl', 'lftp', 'openssl', 'python3', 'python3-openssl'];
const PYTHON = '/usr/bin/python3';
const MODES: Mode[] = ['plain', 'ftps'];

type Options = { isQuick: boolean; rounds: number; bigBytes: number; portBase: number; user: string; output: string };

function parseOptions(argv: string[]): Options {
  const isQuick = argv.includes('--quick');
  const value = (flag: string): string | undefined => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const rounds = Number(value('--rounds') ?? (isQuick ? 1 : 3));
  const bigMiB = Number(value('--size-mib') ?? (isQuick ? 64 : 1024));
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error('--rounds must be a whole number >= 1');
  if (!Number.isInteger(bigMiB) || bigMiB < 1) throw new Error('--size-mib must be a whole number >= 1');
  const portBase = Number(process.env.BENCH_PEERS_PORT_BASE ?? 23000);
  const output = value('--output') ?? path.join(HERE, isQuick ? 'RESULTS.quick.md' : 'RESULTS.md');
  return { isQuick, rounds, bigBytes: bigMiB * 1024 * 1024, portBase, user: process.env.BENCH_PEERS_USER ?? 'ftpbenchpeers', output };
}

function writeDataSet(home: string, d: DataSet, uid: number, gid: number): void {
  for (const dir of ['', 'small', 'list', 'upload']) mkdirSync(path.join(home, dir), { recursive: true });
  // Random bytes (1 MiB pattern repeated): nothing on the path compresses, and it is quick to write.
  const block = randomBytes(1024 * 1024);
  const fd = openSync(path.join(home, 'big.bin'), 'w');
  for (let written = 0; written < d.bigBytes; written += block.length) writeSync(fd, block, 0, Math.min(block.length, d.bigBytes - written));
  closeSync(fd);
  for (let i = 0; i < d.smallFiles; i++) writeFileSync(path.join(home, 'small', `s${String(i).padStart(4, '0')}.bin`), randomBytes(d.smallBytes));
  for (let i = 0; i < d.listEntries; i++) writeFileSync(path.join(home, 'list', `f${String(i).padStart(5, '0')}`), '');
  writeFileSync(path.join(home, 'one.bin'), randomBytes(d.smallBytes));
  // vsftpd and ProFTPD act as the throwaway user; pyftpdlib and the product run as root.
  mustSync('chown', ['-R', `${uid}:${gid}`, home]);
}

async function loopbackLimit(iperf: string, libraryPath: string, port: number, seconds: number): Promise<number> {
  const r = await run(iperf, ['-c', '127.0.0.1', '-p', String(port), '-t', String(seconds), '-J'], { env: { ...process.env, LD_LIBRARY_PATH: libraryPath }, timeoutMs: (seconds + 30) * 1000 });
  if (r.code !== 0) throw new Error(`iperf3: ${r.stderr.trim() || r.stdout.slice(0, 300)}`);
  const json = JSON.parse(r.stdout) as { end: { sum_received: { bits_per_second: number } } };
  return json.end.sum_received.bits_per_second / 8 / 1e6;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  if (process.getuid?.() !== 0) throw new Error('bench:peers must run as root (it creates a throwaway system user for vsftpd and uses apt-get)');
  const data: DataSet = { bigBytes: options.bigBytes, smallFiles: 1000, smallBytes: 4096, listEntries: 10_000, sessions: 200, concurrency: 50 };
  const eps = endpoints(options.portBase);
  const iperfPort = options.portBase + 4201;
  const httpPort = options.portBase + 80;
  for (const port of [...Object.values(eps).map((e) => e.port), iperfPort, httpPort]) await assertPortFree(port);

  const work = mkdtempSync(path.join(os.tmpdir(), 'bench-peers-'));
  chmodSync(work, 0o755); // the throwaway user must reach its home below it; _apt the downloads
  onCleanup(`rm -rf ${work}`, () => removeTree(work));
  const installed = ensureInstalled(CLIENT_PACKAGES);
  const root = path.join(work, 'root');
  process.stdout.write(`fetching ${PEER_PACKAGES.join(', ')} (apt-get download + dpkg-deb -x into ${root})\n`);
  const versions = fetchDebs(PEER_PACKAGES, path.join(work, 'debs'), root);
  const libraryPath = [path.join(root, 'usr/lib/x86_64-linux-gnu'), path.join(root, 'lib/x86_64-linux-gnu'), path.join(root, 'usr/lib')].join(':');
  for (const binary of ['usr/sbin/vsftpd', 'usr/sbin/proftpd', 'usr/lib/proftpd/mod_tls.so', 'usr/bin/iperf3']) assertLoadable(path.join(root, binary), libraryPath);

  const password = `Bp-${randomBytes(9).toString('base64url')}`;
  const home = path.join(work, 'homes', 'bench');
  mkdirSync(home, { recursive: true });
  const { uid, gid } = createThrowawayUser(options.user, home, password);
  const cert = path.join(work, 'cert.pem');
  const key = path.join(work, 'key.pem');
  mustSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1']);
  chmodSync(key, 0o600);
  process.stdout.write(`writing the data set (${data.bigBytes / 2 ** 20} MiB file, ${data.smallFiles} small files, ${data.listEntries} directory entries)\n`);
  writeDataSet(home, data, uid, gid);

  const ctx: Context = { work, root, libraryPath, home, user: options.user, password, uid, gid, cert, key, limit: 500 };
  process.stdout.write('starting vsftpd, ProFTPD, pyftpdlib, the product, iperf3\n');
  await startVsftpd(ctx, eps.vsftpd);
  await startProftpd(ctx, eps.proftpd);
  await startPyftpdlib(ctx, eps.pyftpdlib, PYTHON);
  await startProduct(ctx, eps.product, httpPort);
  const iperf = path.join(root, 'usr/bin/iperf3');
  startDaemon('iperf3', iperf, ['-s', '-B', '127.0.0.1', '-p', String(iperfPort)], path.join(work, 'iperf3.log'), { ...process.env, LD_LIBRARY_PATH: libraryPath });
  await new Promise((r) => setTimeout(r, 500));

  const loadBefore = mustSync('uptime', []).trim();
  const started = Date.now();
  const samples: Sample[] = [];
  const loopback: number[] = [];
  for (let round = 0; round < options.rounds; round++) {
    loopback.push(await loopbackLimit(iperf, libraryPath, iperfPort, options.isQuick ? 2 : 5));
    process.stdout.write(`round ${round + 1}/${options.rounds}: loopback ${loopback.at(-1)!.toFixed(0)} MB/s (iperf3, one stream)\n`);
    for (const figure of FIGURES) {
      for (const mode of MODES) {
        // Rotate the order every round so that no server always runs right after the same one.
        const order = SERVERS.map((_, i) => SERVERS[(i + round) % SERVERS.length]!) as ServerName[];
        for (const name of order) {
          let sample: Sample;
          try {
            const value = await figure.measure(ctx, eps[name], mode, data, PYTHON);
            sample = { figure: figure.name, mode, server: name, value };
          } catch (err) {
            sample = { figure: figure.name, mode, server: name, value: null, error: err instanceof Error ? err.message : String(err) };
          }
          samples.push(sample);
          const shown = sample.value === null ? `FAILED: ${sample.error}` : `${sample.value.toFixed(figure.unit === 's' ? 3 : 0)} ${figure.unit}`;
          process.stdout.write(`  ${figure.name.padEnd(8)} ${mode.padEnd(5)} ${name.padEnd(9)} ${shown}\n`);
        }
      }
    }
  }
  const loadAfter = mustSync('uptime', []).trim();
  const report = renderReport({
    options: { ...options, data },
    samples,
    loopback,
    loadBefore,
    loadAfter,
    minutes: (Date.now() - started) / 60_000,
    versions: collectVersions(versions, PYTHON),
    installed,
  });
  writeFileSync(options.output, report);
  process.stdout.write(`\n${report}\nwritten to ${path.relative(process.cwd(), options.output)}\n`);
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    process.stderr.write(`\n${signal}: stopping everything bench:peers started\n`);
    cleanupSync();
    process.exit(130);
  });
}
process.on('exit', () => cleanupSync());

try {
  await main();
} catch (err) {
  process.stderr.write(`bench:peers failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
} finally {
  cleanupSync();
}
