#!/usr/bin/env node
// `npm start`: builds what needs building (Prisma clients, the dashboard), then runs the product
// in one process: database migrations, API, FTP service and dashboard on one URL.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync, spawn } from 'node:child_process';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const WEB = join(ROOT, 'apps/web');

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', ...opts });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

function newestMtime(path) {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  let newest = s.mtimeMs;
  for (const name of readdirSync(path)) {
    if (name === 'node_modules' || name === '.next') continue;
    newest = Math.max(newest, newestMtime(join(path, name)));
  }
  return newest;
}

if (!existsSync(join(ROOT, 'packages/db/src/generated/sqlite/client.ts'))) {
  run(process.execPath, [join(ROOT, 'packages/db/scripts/generate.mjs')]);
}

// Rebuild the dashboard when its sources are newer than the last build (or there is none).
const buildId = join(WEB, '.next/BUILD_ID');
if (existsSync(join(WEB, 'package.json')) && existsSync(join(WEB, 'src'))) {
  const isStale = !existsSync(buildId) || newestMtime(join(WEB, 'src')) > statSync(buildId).mtimeMs;
  if (isStale && process.env.SKIP_WEB_BUILD !== '1') {
    console.log('Building the dashboard (next build), once...');
    run('npm', ['run', 'build', '-w', '@ftp-panel/web'], { env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
  }
}

const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'apps/api/src/server.ts')], {
  cwd: ROOT,
  stdio: 'inherit',
  env: { NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', ...process.env },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
