#!/usr/bin/env node
// Writes the migrations for a change of prisma/models.prisma, for both providers:
//   npm run migration:new -w @ftp-panel/db -- <name>
// The "before" model is prisma/models.prisma as of the last commit that added a migration; the
// "after" model is the working tree. `prisma migrate diff` produces each provider's SQL offline.
// PostgreSQL diffs need a reachable server (TEST_DATABASE_URL or the local default).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { schemaFor, PROVIDERS } from './generate.mjs';

const ROOT = new URL('../../..', import.meta.url).pathname;
const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error('usage: new-migration.mjs <name>   (lowercase letters, digits and underscores)');
  process.exit(2);
}
const git = (...args) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
const work = mkdtempSync(join(tmpdir(), 'ftp-panel-migration-'));

try {
  for (const provider of PROVIDERS) {
    const lastCommit = git('log', '-1', '--format=%H', '--', `prisma/${provider}/migrations`);
    const before = lastCommit ? git('show', `${lastCommit}:prisma/models.prisma`) + '\n' : '';
    const beforeFile = join(work, `${provider}-before.prisma`);
    writeFileSync(beforeFile, schemaFor(provider, before));
    const url = provider === 'sqlite'
      ? `file:${join(work, 'scratch.db')}`
      : process.env.TEST_DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/postgres';
    const r = spawnSync(process.execPath, [
      join(ROOT, 'node_modules/prisma/build/index.js'), 'migrate', 'diff',
      '--config', join(ROOT, `prisma/${provider}.config.ts`),
      ...(before ? ['--from-schema-datamodel', beforeFile] : ['--from-empty']),
      '--to-schema-datamodel', join(ROOT, `prisma/${provider}/schema.prisma`), '--script',
    ], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, DATABASE_URL: url } });
    if (r.status !== 0) throw new Error(r.stderr || r.stdout);
    if (/^-- This is an empty migration/m.test(r.stdout)) {
      console.log(`${provider}: no change`);
      continue;
    }
    const dir = join(ROOT, 'prisma', provider, 'migrations', `${stamp}_${name}`);
    if (existsSync(dir)) throw new Error(`${dir} exists`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'migration.sql'), r.stdout);
    console.log(`${provider}: wrote ${dir}/migration.sql`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
