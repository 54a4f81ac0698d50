#!/usr/bin/env node
// `npm test`: schema sync check, lint, typecheck, then every workspace's suite (e2e last).
// Prints one closing line "N passed, N failed, N skipped" over all suites.
import { spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { readSummary, summaryLines } from './test-summary.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const WORKSPACES = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).workspaces;
const only = process.argv.slice(2); // e.g. `npm test -- packages/ftp-server`
// Each suite's runner (scripts/run-tests.mjs) writes its counts as JSON to TEST_SUMMARY_FILE.
const SUMMARIES = mkdtempSync(join(tmpdir(), 'test-summaries-'));

/** isSuite: a test suite, whose counts are read from the file its runner writes. */
function run(label, cmd, args, { isSuite = false } = {}) {
  return new Promise((resolvePromise) => {
    const started = Date.now();
    process.stdout.write(`\n=== ${label}\n`);
    const summaryFile = join(SUMMARIES, `${results.length}.json`);
    const env = isSuite ? { ...process.env, TEST_SUMMARY_FILE: summaryFile } : process.env;
    const child = spawn(cmd, args, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'], env });
    child.on('close', (code) => {
      const counts = isSuite ? readSummary(summaryFile) : null;
      // A suite that reports nothing did not run its tests, whatever its exit code says.
      const isMissing = isSuite && !counts;
      if (isMissing) process.stderr.write(`\n!!!!!!!! ${label}: no test results were written !!!!!!!!\n`);
      resolvePromise({ label, code: isMissing ? code || 1 : (code ?? 1), seconds: (Date.now() - started) / 1000, counts });
    });
  });
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
  results.push(await run('tests repository (deployment, documentation)', process.execPath, [join(ROOT, 'scripts/run-tests.mjs'), 'scripts'], { isSuite: true }));
}

for (const ws of WORKSPACES) {
  if (only.length && !only.some((o) => ws.startsWith(o.replace(/\/$/, '')))) continue;
  const pkg = JSON.parse(readFileSync(join(ROOT, ws, 'package.json'), 'utf8'));
  if (!pkg.scripts?.test) continue;
  results.push(await run(`tests ${ws}`, 'npm', ['test', '--silent', '-w', pkg.name], { isSuite: true }));
}

rmSync(SUMMARIES, { recursive: true, force: true });
const { lines, closing } = summaryLines(results);
process.stdout.write(`\n=== summary\n${lines.join('\n')}\n\n${closing}\n`);
process.exit(results.some((r) => r.code !== 0) ? 1 : 0);
