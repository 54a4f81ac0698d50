// Test support for the CLI suites: runs the real ftpadmin process against a test database and
// snapshots everything a command could change, to prove that refused commands change nothing.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestDb } from '@ftp-panel/db/testing';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export type RunResult = { code: number; stdout: string; stderr: string };

export function homesDirOf(db: TestDb): string {
  return path.join(db.dataDir, 'homes');
}

/** Spawns `node --import tsx apps/cli/src/main.ts ...args` from the repo root, as `npm run ftpadmin` does. */
export function ftpadmin(db: Pick<TestDb, 'url' | 'dataDir'>, args: string[], stdin?: string, extraEnv: Record<string, string> = {}): Promise<RunResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: db.dataDir, DATABASE_URL: db.url, HOMES_DIR: path.join(db.dataDir, 'homes'), ...extraEnv };
  if (extraEnv.DATABASE_URL === '') delete env.DATABASE_URL;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'apps/cli/src/main.ts', ...args], { cwd: REPO_ROOT, env, stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(stdin ?? '');
  });
}

/** Every row a CLI command may write (accounts with hashes and versions, admins, tokens, change feed, audit). */
export async function snapshot(db: TestDb): Promise<unknown> {
  const p = db.prisma;
  const [accounts, admins, tokens, changes, audit] = await Promise.all([
    p.account.findMany({ orderBy: { username: 'asc' } }),
    p.admin.findMany({ orderBy: { username: 'asc' } }),
    p.apiToken.findMany({ orderBy: { id: 'asc' } }),
    p.changeEvent.count(),
    p.auditEntry.count(),
  ]);
  return { accounts, admins, tokens, changes, audit };
}

/** The last non-empty line of an output. */
export function lastLine(text: string): string {
  return text.trimEnd().split('\n').at(-1) ?? '';
}
