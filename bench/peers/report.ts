// Medians, ratios and the Markdown report (table, date, load, versions, method).
import os from 'node:os';
import type { DataSet, FigureName, Mode } from './figures.ts';
import { FIGURES, sizeLabel } from './figures.ts';
import type { ServerName } from './servers.ts';
import { PEERS, REPO_ROOT, SERVERS } from './servers.ts';
import { runSync } from './system.ts';

export type Sample = { figure: FigureName; mode: Mode; server: ServerName; value: number | null; error?: string };

type ReportInput = {
  options: { isQuick: boolean; rounds: number; data: DataSet };
  samples: Sample[];
  loopback: number[];
  loadBefore: string;
  loadAfter: string;
  minutes: number;
  versions: Array<[string, string]>;
  installed: string[];
};

const TITLES: Record<ServerName, string> = { vsftpd: 'vsftpd', proftpd: 'ProFTPD', pyftpdlib: 'pyftpdlib', product: 'product' };

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function firstLine(cmd: string, args: string[]): string {
  const r = runSync(cmd, args);
  return (r.stdout || r.stderr).split('\n')[0]!.trim();
}

export function collectVersions(debs: Map<string, string>, python: string): Array<[string, string]> {
  const commit = runSync('git', ['-C', REPO_ROOT, 'rev-parse', '--short', 'HEAD']).stdout.trim();
  const isDirty = runSync('git', ['-C', REPO_ROOT, 'status', '--porcelain', '--untracked-files=no']).stdout.trim() !== '';
  return [
    ['product', `${commit}${isDirty ? ' (with uncommitted changes)' : ''}, Node ${process.version}`],
    ...[...debs].filter(([pkg]) => !pkg.startsWith('lib')).map(([pkg, version]): [string, string] => [pkg, version]),
    ['curl', firstLine('curl', ['--version'])],
    ['lftp', firstLine('lftp', ['--version'])],
    ['python (ftplib, pyftpdlib)', firstLine(python, ['--version'])],
    ['openssl', firstLine('openssl', ['version'])],
    ['kernel', `${os.type()} ${os.release()}`],
    ['CPU', `${os.cpus()[0]?.model ?? '?'} × ${os.availableParallelism()}`],
  ];
}

function format(value: number | null, unit: string): string {
  if (value === null) return 'failed';
  return unit === 's' ? `${value.toFixed(value < 1 ? 3 : 2)} s` : `${value.toFixed(0)} MB/s`;
}

export function renderReport(input: ReportInput): string {
  const { options, samples } = input;
  const rows: string[] = [];
  const failures: string[] = [];
  for (const figure of FIGURES) {
    for (const mode of ['plain', 'ftps'] as Mode[]) {
      const cell = new Map<ServerName, number | null>();
      for (const server of SERVERS) {
        const mine = samples.filter((s) => s.figure === figure.name && s.mode === mode && s.server === server);
        const ok = mine.flatMap((s) => (s.value === null ? [] : [s.value]));
        // A server that failed in any round gets no figure: a median of the rounds it survived would flatter it.
        cell.set(server, ok.length === mine.length ? median(ok) : null);
        for (const s of mine) if (s.value === null) failures.push(`${figure.name} ${mode} ${TITLES[server]}: ${s.error}`);
      }
      const peerValues = PEERS.flatMap((p) => {
        const v = cell.get(p);
        return v === null || v === undefined ? [] : [{ p, v }];
      });
      const best = peerValues.length ? peerValues.reduce((a, b) => ((figure.isHigherBetter ? b.v > a.v : b.v < a.v) ? b : a)) : null;
      const product = cell.get('product') ?? null;
      let ratio = 'n/a';
      if (best && product !== null) {
        const r = figure.isHigherBetter ? product / best.v : best.v / product;
        ratio = `**${r.toFixed(2)}×**${r >= 1 ? ' (ahead)' : ''}`;
      }
      const cells = SERVERS.map((s) => format(cell.get(s) ?? null, figure.unit));
      rows.push(`| ${figure.label(options.data)} | ${mode === 'plain' ? 'FTP' : 'FTPS'} | ${cells.join(' | ')} | ${best ? TITLES[best.p] : 'none'} | ${ratio} |`);
    }
  }
  const loop = median(input.loopback);
  const d = options.data;
  const lines = [
    `# bench:peers${options.isQuick ? ' (quick smoke run: not for publication)' : ''}`,
    '',
    `- Date: ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')}; ${options.rounds} round${options.rounds > 1 ? 's' : ''}, ${input.minutes.toFixed(1)} min of measuring`,
    `- Load before: \`${input.loadBefore}\``,
    `- Load after: \`${input.loadAfter}\``,
    `- Loopback limit (iperf3, one TCP stream, median): ${loop === null ? 'n/a' : `${loop.toFixed(0)} MB/s`}`,
    '',
    `Median of ${options.rounds} per cell. Throughput in MB/s (10^6 bytes/s, higher is better), times in seconds (lower is better). ` +
      'The last column is the product against the best peer in the same run: throughput ÷ best throughput, or best time ÷ product time, so above 1.00× the product is ahead.',
    '',
    `| figure | | ${SERVERS.map((s) => TITLES[s]).join(' | ')} | best peer | product vs best |`,
    `|---|---|${SERVERS.map(() => '---:').join('|')}|---|---:|`,
    ...rows,
    '',
  ];
  if (failures.length) lines.push('Failures (the cell shows "failed"):', '', ...failures.map((f) => `- ${f}`), '');
  lines.push(
    '## Versions',
    '',
    ...input.versions.map(([name, v]) => `- ${name}: ${v}`),
    '',
    '## Method',
    '',
    '- `npm run bench:peers` (root, Debian/Ubuntu). The peers are the Debian packages vsftpd, proftpd-core + proftpd-mod-crypto (mod_tls), ' +
      'python3-pyftpdlib and iperf3, fetched with `apt-get download` and unpacked with `dpkg-deb -x` into a temporary folder: no maintainer script runs, no service is installed. ' +
      'Library dependencies that are not installed are unpacked the same way (LD_LIBRARY_PATH) and checked with `ldd`. ' +
      `Missing clients (${['curl', 'lftp', 'openssl', 'python3', 'python3-openssl'].join(', ')}) are installed with apt-get${input.installed.length ? ` (this run: ${input.installed.join(', ')})` : ' (none were missing in this run)'}.`,
    '- Every server listens on 127.0.0.1 (its own control port and passive range), serves the same directory as its home, to one user with the same password, ' +
      'with max sessions and max sessions per IP set to 500, and presents the same self-signed RSA 2048 certificate. ' +
      'vsftpd authenticates a throwaway system user (useradd, SHA-512 crypt, PAM "other"; removed at the end) with require_ssl_reuse=YES, ssl_ciphers=HIGH, seccomp_sandbox=NO and xferlog on; ' +
      'ProFTPD uses an AuthUserFile entry (SHA-512 crypt) for the same uid with RequireValidShell off, mod_tls (session reuse required, its default), TransferLog and SystemLog on; ' +
      'pyftpdlib runs its default single-process FTPServer with a DummyAuthorizer and TLS_FTPHandler, logging at INFO to a file, with one interop fix: ' +
      'its data handler keeps reading while a TLS handshake is pending (pyftpdlib 1.5.7 otherwise resets curl, which starts the data handshake before RETR; giampaolo/pyftpdlib#604). ' +
      'The product runs as `npm start` does (apps/api/src/server.ts: API, FTP service and, when built, the dashboard) on SQLite with LOG_LEVEL=info, transfer and login records in the database, ' +
      'the credential cache at its default TTL and its default TLS policy (session reuse and close_notify required); its account and settings are written through packages/db before it starts.',
    `- Data set: one ${sizeLabel(d.bigBytes)} file of random bytes, ${d.smallFiles.toLocaleString('en')} files of ${sizeLabel(d.smallBytes)}, a directory of ${d.listEntries.toLocaleString('en')} empty files, one ${sizeLabel(d.smallBytes)} file.`,
    `- Clients (the same command for every server; FTPS is explicit: AUTH TLS, PBSZ 0, PROT P): RETR = \`curl -o /dev/null\` of the big file; STOR = \`curl -T\` of the big file into upload/ (removed after each run; the stored size is checked); ` +
      `mirror = \`lftp -c "open ...; mirror small"\` (one session, lftp's defaults, into an empty folder; the file count is checked; over FTPS with ssl:ca-file set to the test certificate, since lftp otherwise reloads the system CA bundle for every data connection); LIST = \`curl ftp://.../list/\` (the entry count is checked); ` +
      `sessions = Python ftplib, ${d.sessions} × (connect, login, RETR the ${sizeLabel(d.smallBytes)} file, QUIT) through a thread pool of ${d.concurrency}. ` +
      'Stock ftplib does not resume the TLS session on data connections, which vsftpd, ProFTPD and the product require, so the FTPS session figure uses an FTP_TLS subclass that passes the control session to the data connection, for every server alike.',
    '- Times are wall-clock times of the client process (connect to exit), so they include login. ' +
      'Rounds are interleaved: each round runs iperf3 (one stream, loopback) and then every figure, plain then FTPS, against every server, the server order rotating from round to round. ' +
      'A server that fails a figure in any round shows "failed" for it. All servers run at the same time, idle while another is measured. ' +
      'Everything the benchmark starts is stopped at the end, on failure and on Ctrl-C (process groups), and the throwaway user and temporary folder are removed.',
    '',
  );
  return lines.join('\n');
}
