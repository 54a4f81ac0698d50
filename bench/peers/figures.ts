// The figures: the same real clients, with the same options, against every server.
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Context, Endpoint } from './servers.ts';
import { HERE } from './servers.ts';
import { run } from './system.ts';

export type Mode = 'plain' | 'ftps';
export type FigureName = 'retr' | 'stor' | 'mirror' | 'list' | 'sessions';

export type DataSet = { bigBytes: number; smallFiles: number; smallBytes: number; listEntries: number; sessions: number; concurrency: number };

export type Figure = {
  name: FigureName;
  label: (d: DataSet) => string;
  unit: 'MB/s' | 's';
  isHigherBetter: boolean;
  measure: (ctx: Context, ep: Endpoint, mode: Mode, d: DataSet, python: string) => Promise<number>;
};

const TIMEOUT_MS = 15 * 60_000;

function curlArgs(ctx: Context, mode: Mode): string[] {
  // ftp:// + --ssl-reqd = explicit FTPS (AUTH TLS, then PBSZ 0 / PROT P for data); -k: self-signed
  const tls = mode === 'ftps' ? ['--ssl-reqd', '-k'] : [];
  return ['-sS', '--fail', '--max-time', String(TIMEOUT_MS / 1000), '-u', `${ctx.user}:${ctx.password}`, ...tls];
}

function url(ep: Endpoint, file: string): string {
  return `ftp://127.0.0.1:${ep.port}/${file}`;
}

function check(name: string, r: { code: number; stderr: string; stdout: string }): void {
  if (r.code !== 0) throw new Error(`${name} exited ${r.code}: ${(r.stderr || r.stdout).trim().slice(0, 300)}`);
}

function mbps(bytes: number, seconds: number): number {
  return bytes / 1e6 / seconds;
}

const retr: Figure = {
  name: 'retr',
  label: (d) => `RETR ${sizeLabel(d.bigBytes)} (curl)`,
  unit: 'MB/s',
  isHigherBetter: true,
  async measure(ctx, ep, mode, d) {
    const r = await run('curl', [...curlArgs(ctx, mode), '-o', '/dev/null', '-w', '%{size_download}', url(ep, 'big.bin')], { timeoutMs: TIMEOUT_MS });
    check('curl RETR', r);
    if (Number(r.stdout) !== d.bigBytes) throw new Error(`curl RETR got ${r.stdout} bytes, expected ${d.bigBytes}`);
    return mbps(d.bigBytes, r.seconds);
  },
};

const stor: Figure = {
  name: 'stor',
  label: (d) => `STOR ${sizeLabel(d.bigBytes)} (curl)`,
  unit: 'MB/s',
  isHigherBetter: true,
  async measure(ctx, ep, mode, d) {
    const target = path.join(ctx.home, 'upload', `stor-${ep.name}.bin`);
    rmSync(target, { force: true });
    try {
      const r = await run('curl', [...curlArgs(ctx, mode), '-T', path.join(ctx.home, 'big.bin'), url(ep, `upload/stor-${ep.name}.bin`)], { timeoutMs: TIMEOUT_MS });
      check('curl STOR', r);
      const size = statSync(target).size;
      if (size !== d.bigBytes) throw new Error(`STOR stored ${size} bytes, expected ${d.bigBytes}`);
      return mbps(d.bigBytes, r.seconds);
    } finally {
      rmSync(target, { force: true });
    }
  },
};

const mirror: Figure = {
  name: 'mirror',
  label: (d) => `${d.smallFiles.toLocaleString('en')} × ${sizeLabel(d.smallBytes)}, one session (lftp mirror)`,
  unit: 's',
  isHigherBetter: false,
  async measure(ctx, ep, mode, d) {
    const dest = path.join(ctx.work, `mirror-${ep.name}`);
    rmSync(dest, { recursive: true, force: true });
    mkdirSync(dest, { recursive: true });
    const tls =
      mode === 'ftps'
        ? // ca-file = the server's own certificate: lftp (GnuTLS) otherwise loads the whole system CA
          // bundle again for every data connection, client CPU that would blur the servers' figures.
          `set ftp:ssl-force yes; set ftp:ssl-protect-data yes; set ftp:ssl-protect-list yes; set ssl:verify-certificate no; set ssl:ca-file ${ctx.cert};`
        : 'set ftp:ssl-allow no;';
    const script = `set cmd:fail-exit yes; set net:max-retries 1; set net:timeout 60; ${tls} open -u ${ctx.user},${ctx.password} -p ${ep.port} 127.0.0.1; mirror small ${dest}/small; quit`;
    try {
      const r = await run('lftp', ['-c', script], { timeoutMs: TIMEOUT_MS });
      check('lftp mirror', r);
      const got = readdirSync(path.join(dest, 'small')).length;
      if (got !== d.smallFiles) throw new Error(`lftp mirror fetched ${got} files, expected ${d.smallFiles}`);
      return r.seconds;
    } finally {
      rmSync(dest, { recursive: true, force: true });
    }
  },
};

const list: Figure = {
  name: 'list',
  label: (d) => `LIST ${d.listEntries.toLocaleString('en')} entries (curl)`,
  unit: 's',
  isHigherBetter: false,
  async measure(ctx, ep, mode, d) {
    const out = path.join(ctx.work, `list-${ep.name}.txt`);
    try {
      const r = await run('curl', [...curlArgs(ctx, mode), '-o', out, url(ep, 'list/')], { timeoutMs: TIMEOUT_MS });
      check('curl LIST', r);
      const lines = readFileSync(out, 'utf8').split('\n').filter((l) => / f\d+\r?$/.test(l)).length;
      if (lines !== d.listEntries) throw new Error(`LIST returned ${lines} entries, expected ${d.listEntries}`);
      return r.seconds;
    } finally {
      rmSync(out, { force: true });
    }
  },
};

const sessions: Figure = {
  name: 'sessions',
  label: (d) => `${d.sessions} sessions: login + RETR ${sizeLabel(d.smallBytes)} + QUIT, ${d.concurrency} at a time (ftplib)`,
  unit: 's',
  isHigherBetter: false,
  async measure(ctx, ep, mode, d, python) {
    const args = [path.join(HERE, 'ftplib_sessions.py'), '127.0.0.1', String(ep.port), ctx.user, ctx.password, 'one.bin', String(d.sessions), String(d.concurrency), mode];
    const r = await run(python, args, { timeoutMs: TIMEOUT_MS });
    check('ftplib sessions', r);
    const result = JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as { seconds: number; ok: number; errorCount: number; errors: string[] };
    if (result.errorCount > 0) throw new Error(`${result.errorCount}/${d.sessions} sessions failed, e.g. ${result.errors.join('; ')}`);
    if (result.ok !== d.sessions) throw new Error(`only ${result.ok}/${d.sessions} sessions completed`);
    return result.seconds;
  },
};

export const FIGURES: Figure[] = [retr, stor, mirror, list, sessions];

export function sizeLabel(bytes: number): string {
  if (bytes >= 1 << 30 && bytes % (1 << 30) === 0) return `${bytes / (1 << 30)} GiB`;
  if (bytes >= 1 << 20 && bytes % (1 << 20) === 0) return `${bytes / (1 << 20)} MiB`;
  return `${bytes / 1024} KiB`;
}
