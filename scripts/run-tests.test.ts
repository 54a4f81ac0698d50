// The test runner itself: counts come from the runner's events (not its text), and a folder that
// holds no tests fails instead of passing quietly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readSummary, summaryLines } from './test-summary.mjs';

const RUN_TESTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'run-tests.mjs');

/** Runs scripts/run-tests.mjs over a fresh folder holding these files. */
function runFolder(files: Record<string, string>): { status: number | null; output: string; counts: ReturnType<typeof readSummary>; files: Record<string, string> } {
  const dir = mkdtempSync(path.join(tmpdir(), 'run-tests-'));
  const suite = path.join(dir, 'suite');
  mkdirSync(suite);
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(suite, name), text);
  const summaryFile = path.join(dir, 'summary.json');
  // Without NODE_TEST_CONTEXT (set by the runner running this file), the inner runner would take
  // itself for a test file and skip its files.
  const { NODE_TEST_CONTEXT: _context, ...env } = process.env;
  const r = spawnSync(process.execPath, [RUN_TESTS, suite], { encoding: 'utf8', env: { ...env, TEST_SUMMARY_FILE: summaryFile, TEST_CONCURRENCY: '1' } });
  const paths = Object.fromEntries(Object.keys(files).map((name) => [name, path.join(suite, name)]));
  return { status: r.status, output: r.stdout + r.stderr, counts: readSummary(summaryFile), files: paths };
}

const HEADER = "import { describe, test } from 'node:test';\n";

test('a folder without test files fails', () => {
  const r = runFolder({ 'notes.ts': 'export const x = 1;\n' });
  assert.notEqual(r.status, 0);
  assert.match(r.output, /no test files \(\*\.test\.ts\) found/);
});

test('test files in which no test runs fail', () => {
  const r = runFolder({ 'empty.test.ts': HEADER });
  assert.notEqual(r.status, 0);
  assert.match(r.output, /no test ran/);
  assert.deepEqual(r.counts, { passed: 0, failed: 0, skipped: 0, todo: 0, emptyFiles: [r.files['empty.test.ts']] });
});

test('one passing and one failing test: counts read from the events, and the run fails', () => {
  const r = runFolder({
    'mixed.test.ts': `${HEADER}describe('group', () => {
  test('passes', () => {});
  test('fails', () => { throw new Error('expected failure'); });
  test('skipped', { skip: 'not here' }, () => {});
  test('later', { todo: true }, () => {});
});
// Printed by a test, it must not be counted: results are not read from the text.
test('prints a decoy', () => { console.log('# pass 99'); console.log('ℹ fail 42'); });
`,
  });
  assert.notEqual(r.status, 0);
  assert.deepEqual(r.counts, { passed: 2, failed: 1, skipped: 1, todo: 1, emptyFiles: [] });
});

test('a file that cannot load counts as failed; passing files still count', () => {
  const r = runFolder({
    'broken.test.ts': `${HEADER}import { missing } from './nowhere.ts';\ntest('never', () => missing());\n`,
    'fine.test.ts': `${HEADER}test('one', () => {});\ntest('two', async (t) => { await t.test('nested', () => {}); });\n`,
  });
  assert.notEqual(r.status, 0);
  assert.deepEqual(r.counts, { passed: 3, failed: 1, skipped: 0, todo: 0, emptyFiles: [] });
});

test('an all-passing folder exits 0; a file without tests is named but not counted', () => {
  const r = runFolder({ 'ok.test.ts': `${HEADER}test('one', () => {});\ntest('skipped', { skip: true }, () => {});\n`, 'empty.test.ts': HEADER });
  assert.equal(r.status, 0, r.output);
  assert.deepEqual(r.counts, { passed: 1, failed: 0, skipped: 1, todo: 0, emptyFiles: [r.files['empty.test.ts']] });
  assert.match(r.output, /empty\.test\.ts declares no test/);
});

test('the closing line sums every suite; a failed step without failed tests still counts', () => {
  const counts = (passed: number, failed: number, skipped: number) => ({ passed, failed, skipped, todo: 0, emptyFiles: [] });
  const ok = summaryLines([
    { label: 'lint (eslint)', code: 0, seconds: 1, counts: null },
    { label: 'tests a', code: 0, seconds: 2, counts: counts(3, 0, 1) },
    { label: 'tests b', code: 0, seconds: 3, counts: counts(4, 0, 0) },
  ]);
  assert.deepEqual(ok.lines, ['ok   lint (eslint) 1.0s', 'ok   tests a (3 passed, 0 failed, 1 skipped) 2.0s', 'ok   tests b (4 passed, 0 failed) 3.0s']);
  assert.equal(ok.closing, '7 passed, 0 failed, 1 skipped');
  const failed = summaryLines([
    { label: 'typecheck x', code: 2, seconds: 1, counts: null },
    { label: 'tests a', code: 0, seconds: 2, counts: counts(3, 0, 0) },
  ]);
  assert.equal(failed.lines[0], 'FAIL typecheck x 1.0s');
  assert.equal(failed.closing, '3 passed, 1 failed, 0 skipped');
  assert.equal(summaryLines([{ label: 'tests a', code: 1, seconds: 1, counts: counts(1, 2, 0) }]).closing, '1 passed, 2 failed, 0 skipped');
});
