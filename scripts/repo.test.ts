// Repository-level checks: the deployment file is valid, and every environment variable the
// product reads is documented in .env.example and in the README.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { hasCommand, skipUnless } from './test-support.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

test('docker-compose.yml passes docker-compose config', { skip: skipUnless(hasCommand('docker-compose', ['version']), 'docker-compose') }, () => {
  const r = spawnSync('docker-compose', ['-f', path.join(ROOT, 'docker-compose.yml'), 'config', '-q'], {
    encoding: 'utf8',
    env: { ...process.env, POSTGRES_PASSWORD: 'test-only' },
  });
  assert.equal(r.status, 0, r.stderr);
});

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (['node_modules', 'generated', '.next'].includes(name) || name.startsWith('.')) continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) sourceFiles(full, out);
    else if (/\.(ts|tsx|mjs)$/.test(name) && !/\.test\.tsx?$/.test(name)) out.push(full);
  }
  return out;
}

/** Variables the product reads: env.NAME / process.env.NAME / str(env, 'NAME') patterns. */
function variablesRead(): Set<string> {
  const found = new Set<string>();
  const files = [
    ...sourceFiles(path.join(ROOT, 'packages')),
    ...sourceFiles(path.join(ROOT, 'apps')),
    ...sourceFiles(path.join(ROOT, 'prisma')),
    path.join(ROOT, 'scripts/start.mjs'),
  ].filter((f) => !f.includes(`${path.sep}bench${path.sep}`) && !f.endsWith('testing.ts'));
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/process\.env\.([A-Z][A-Z0-9_]+)/g)) found.add(m[1]!);
    for (const m of text.matchAll(/\b(?:str|port|int|bool)\(env, '([A-Z][A-Z0-9_]+)'/g)) found.add(m[1]!);
  }
  // Set by the runtime for its own children, or by Node/Next themselves: not for operators.
  // Test-only: PG_BIN points the outage suite at PostgreSQL's initdb/pg_ctl (README, "Tests").
  for (const internal of ['NODE_ENV', 'NEXT_TELEMETRY_DISABLED', 'REQUIRE_ALL_SUITES', 'TEST_DATABASE_URL', 'TEST_CONCURRENCY', 'PG_BIN', 'TEST_SUMMARY_FILE']) {
    found.delete(internal);
  }
  return found;
}

test('.env.example and README document every environment variable', () => {
  const example = readFileSync(path.join(ROOT, '.env.example'), 'utf8');
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const vars = [...variablesRead()];
  assert.ok(vars.includes('DATABASE_URL') && vars.includes('FTP_PASV_RANGE'), 'scanner finds the variables');
  const missingExample = vars.filter((v) => !new RegExp(`^#?\\s*${v}=`, 'm').test(example));
  const missingReadme = vars.filter((v) => !readme.includes(`\`${v}\``));
  assert.deepEqual(missingExample, [], '.env.example lacks these');
  assert.deepEqual(missingReadme, [], 'README lacks these');
});
