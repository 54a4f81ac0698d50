// Starts the product the README way (`node scripts/start.mjs`) with its own data directory, ports
// and SMTP sink, and reads the one-time setup link from its stdout.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, freePortRange } from './ports.ts';
import { startSmtpSink, type SmtpSink } from './smtp-sink.ts';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** First start may run `next build` (about a minute on two cores). */
const START_TIMEOUT_MS = 240_000;

export type Product = {
  baseUrl: string;
  port: number;
  ftpPort: number;
  pasvRange: { min: number; max: number };
  setupUrl: string | null;
  dataDir: string;
  smtp: SmtpSink;
  output(): string;
  stop(): Promise<void>;
};

export async function startProduct(extraEnv: Record<string, string> = {}): Promise<Product> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'ftp-panel-e2e-'));
  const [port, ftpPort, pasvRange, smtp] = await Promise.all([freePort(), freePort(), freePortRange(20), startSmtpSink()]);
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [path.join(ROOT, 'scripts/start.mjs')], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      FTP_PORT: String(ftpPort),
      FTP_HOST: '127.0.0.1',
      FTP_PASV_RANGE: `${pasvRange.min}-${pasvRange.max}`,
      FTP_PUBLIC_HOST: '127.0.0.1',
      SMTP_URL: smtp.url,
      SMTP_FROM: 'FTP panel <panel@example.test>',
      PUBLIC_URL: baseUrl,
      LOG_LEVEL: 'warn',
      NEXT_TELEMETRY_DISABLED: '1',
      DATABASE_URL: '',
      ADMIN_USERNAME: '',
      ADMIN_PASSWORD: '',
      ...extraEnv,
    },
  });
  let output = '';
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));

  try {
    await waitForReady(child, () => output, baseUrl);
  } catch (err) {
    child.kill('SIGKILL');
    await smtp.close();
    rmSync(dataDir, { recursive: true, force: true });
    throw new Error(`${(err as Error).message}\n--- product output ---\n${output.slice(-4000)}`);
  }
  const setupUrl = /(https?:\/\/\S+\/setup\?token=\S+)/.exec(output)?.[1] ?? null;
  return {
    baseUrl,
    port,
    ftpPort,
    pasvRange,
    setupUrl,
    dataDir,
    smtp,
    output: () => output,
    async stop() {
      await stopChild(child);
      await smtp.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function waitForReady(child: ChildProcess, output: () => string, baseUrl: string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the product exited with code ${child.exitCode}`);
    if (output().includes('Panel and API:')) {
      const res = await fetch(`${baseUrl}/api/health`).catch(() => null);
      if (res?.ok) return;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the product did not start within ${START_TIMEOUT_MS / 1000} s`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
