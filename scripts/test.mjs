#!/usr/bin/env node
// `npm test`: schema sync check, lint, typecheck, then every workspace's suite (e2e last).
// Prints one closing line "N passed, N failed, N skipped" over all suites.
import { spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync, readFileSync } from 'node:fs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const WORKSPACES = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).workspaces;
const only = process.argv.slice(2); // e.g. `npm test -- packages/ftp-server`

function run(label, cmd, args, opts = {}) {
  return new Promise((resolvePromise) => {
    const started = Date.now();
    process.stdout.write(`\n=== ${label}\n`);
    const child = spawn(cmd, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: process.env, ...opts });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      process.stdout.write(d);
    });
    child.stderr.on('data', (d) => process.stderr.write(d));
    child.on('close', (code) => {
      const count = (name) => sum(out, name);
      resolvePromise({ label, code: code ?? 1, seconds: (Date.now() - started) / 1000, pass: count('pass'), fail: count('fail'), skipped: count('skipped') });
    });
  });
}

function sum(text, name) {
  let total = 0;
  for (const m of text.matchAll(new RegExp(`^(?:ℹ|#) ${name} (\\d+)$`, 'gm'))) total += Number(m[1]);
  return total;
}

const results = [];
const npx = (bin, args) => [process.execPath, [join(ROOT, 'node_modules', bin), ...args]];

if (only.length === 0) {
  results.push(await run('Prisma schemas in sync with prisma/models.prisma', process.execPath, [join(ROOT, 'packages/db/scripts/generate.mjs'), '--check']));
  results.push(await run('lint (eslint)', ...npx('eslint/bin/eslint.js', ['.'])));
  for (const ws of ['scripts', ...WORKSPACES].filter((w) => existsSync(join(ROOT, w, 'tsconfig.json')))) {
    results.push(await run(`typecheck ${ws}`, ...npx('typescript/bin/tsc', ['-p', join(ws, 'tsconfig.json'), '--noEmit'])));
  }
}

if (only.length === 0) {
  results.push(await run('tests repository (deployment, documentation)', process.execPath, [join(ROOT, 'scripts/run-tests.mjs'), 'scripts']));
}

for (const ws of WORKSPACES) {
  if (only.length && !only.some((o) => ws.startsWith(o.replace(/\/$/, '')))) continue;
  const pkg = JSON.parse(readFileSync(join(ROOT, ws, 'package.json'), 'utf8'));
  if (!pkg.scripts?.test) continue;
  results.push(await run(`tests ${ws}`, 'npm', ['test', '--silent', '-w', pkg.name]));
}

const failed = results.filter((r) => r.code !== 0);
const pass = results.reduce((a, r) => a + r.pass, 0);
const fail = results.reduce((a, r) => a + r.fail, 0);
const skipped = results.reduce((a, r) => a + r.skipped, 0);
process.stdout.write('\n=== summary\n');
for (const r of results) {
  const counts = r.pass + r.fail ? ` (${r.pass} passed, ${r.fail} failed${r.skipped ? `, ${r.skipped} skipped` : ''})` : '';
  process.stdout.write(`${r.code === 0 ? 'ok  ' : 'FAIL'} ${r.label}${counts} ${r.seconds.toFixed(1)}s\n`);
}
process.stdout.write(`\n${pass} passed, ${fail + (failed.length && !fail ? failed.length : 0)} failed, ${skipped} skipped\n`);
process.exit(failed.length ? 1 : 0);
