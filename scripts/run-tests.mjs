#!/usr/bin/env node
// Runs every *.test.ts below the given folders (default: src) with Node's test runner and tsx.
// Node 20's --test cannot glob .ts files itself, so the list is built here.
// Humans get the usual report on stdout; the counts come from a reporter that writes JSON
// (scripts/test-summary.mjs) to TEST_SUMMARY_FILE when set (scripts/test.mjs sets it),
// else to a temporary file. A folder without tests, or a run in which no test ran, fails.
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { readSummary } from './test-summary.mjs';

// Resolved from here, so a folder outside the repository (the runner's own tests) runs too.
const TSX = import.meta.resolve('tsx');
const REPORTER = pathToFileURL(join(dirname(fileURLToPath(import.meta.url)), 'test-summary.mjs')).href;

function findTests(dir, out) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'generated' || name.startsWith('.')) continue;
    const full = join(dir, name);
    if (statSync(full).isDirectory()) findTests(full, out);
    else if (name.endsWith('.test.ts')) out.push(full);
  }
  return out;
}

function fail(message) {
  process.stderr.write(`\n!!!!!!!! ${message} !!!!!!!!\n\n`);
  process.exit(1);
}

function main() {
  const args = process.argv.slice(2);
  const dirs = args.filter((a) => !a.startsWith('--'));
  const passThrough = args.filter((a) => a.startsWith('--'));
  const folders = dirs.length ? dirs : ['src'];
  const files = folders.flatMap((d) => findTests(resolve(d), [])).sort();
  if (files.length === 0) fail(`no test files (*.test.ts) found in ${folders.join(', ')}`);

  const ownDir = process.env.TEST_SUMMARY_FILE ? null : mkdtempSync(join(tmpdir(), 'test-summary-'));
  const summaryFile = process.env.TEST_SUMMARY_FILE || join(ownDir, 'summary.json');
  rmSync(summaryFile, { force: true });
  const concurrency = process.env.TEST_CONCURRENCY ?? '2';
  // Naming any reporter drops the default one, so the human report is named too (Node's default).
  const humanReporter = process.stdout.isTTY ? 'spec' : 'tap';
  const result = spawnSync(
    process.execPath,
    [
      '--import', TSX, '--test', `--test-concurrency=${concurrency}`,
      `--test-reporter=${humanReporter}`, '--test-reporter-destination=stdout',
      `--test-reporter=${REPORTER}`, `--test-reporter-destination=${summaryFile}`,
      ...passThrough, ...files,
    ],
    { stdio: 'inherit' },
  );
  const counts = readSummary(summaryFile);
  if (ownDir) rmSync(ownDir, { recursive: true, force: true });
  if (!counts) fail(`the test runner wrote no results for ${folders.join(', ')} (exit ${result.status ?? result.signal})`);
  if (counts.passed + counts.failed + counts.skipped + counts.todo === 0) fail(`no test ran in ${folders.join(', ')}`);
  for (const file of counts.emptyFiles) process.stderr.write(`\n!!!!!!!! ${file} declares no test !!!!!!!!\n`);
  if (counts.failed > 0 && result.status === 0) process.exit(1);
  process.exit(result.status ?? 1);
}

main();
