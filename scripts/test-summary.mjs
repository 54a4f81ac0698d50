// Test counts from the runner's machine-readable events, not from matching its human output.
// The default export is a Node test-runner reporter (`--test-reporter=<this file>`) that writes one
// JSON line {"passed","failed","skipped","todo","emptyFiles"}; scripts/run-tests.mjs writes it to a file and
// scripts/test.mjs adds the files of every suite into the closing line.
import { readFileSync } from 'node:fs';

/**
 * Counted like the runner's own closing totals: suites (describe) are not tests, a skipped or todo
 * test counts only as such, and a cancelled test (its file crashed, a timeout) counts as failed.
 * A file is reported as a test of its own only when it crashed (a failure) or declared no test: such
 * a "pass" is not a passed test, the file is listed in emptyFiles.
 */
export function countEvent(counts, event) {
  if (event.type !== 'test:pass' && event.type !== 'test:fail') return counts;
  const data = event.data;
  if (data.details?.type === 'suite') return counts;
  if (event.type === 'test:pass' && data.nesting === 0 && data.file && data.name === data.file) {
    counts.emptyFiles.push(data.file);
    return counts;
  }
  if (data.skip !== undefined && data.skip !== false) counts.skipped++;
  else if (data.todo !== undefined && data.todo !== false) counts.todo++;
  else if (event.type === 'test:pass') counts.passed++;
  else counts.failed++;
  return counts;
}

export default async function* summaryReporter(source) {
  const counts = { passed: 0, failed: 0, skipped: 0, todo: 0, emptyFiles: [] };
  for await (const event of source) countEvent(counts, event);
  yield `${JSON.stringify(counts)}\n`;
}

/** The counts a run wrote, or null when it ended before writing them. */
export function readSummary(file) {
  try {
    const counts = JSON.parse(readFileSync(file, 'utf8'));
    const isValid = ['passed', 'failed', 'skipped', 'todo'].every((k) => Number.isInteger(counts[k])) && Array.isArray(counts.emptyFiles);
    return isValid ? counts : null;
  } catch {
    return null;
  }
}

/**
 * The per-step lines and the closing "N passed, N failed, N skipped" (CI reads that line).
 * results: { label, code, seconds, counts: summary or null (lint, typecheck) }[]
 */
export function summaryLines(results) {
  const total = { passed: 0, failed: 0, skipped: 0 };
  const lines = [];
  for (const r of results) {
    const c = r.counts;
    if (c) for (const k of Object.keys(total)) total[k] += c[k];
    const counts = c ? ` (${c.passed} passed, ${c.failed} failed${c.skipped ? `, ${c.skipped} skipped` : ''})` : '';
    lines.push(`${r.code === 0 ? 'ok  ' : 'FAIL'} ${r.label}${counts} ${r.seconds.toFixed(1)}s`);
  }
  // A failed step without failed tests (lint, typecheck, a suite that could not start) still counts.
  const failedSteps = results.filter((r) => r.code !== 0).length;
  const failed = total.failed || failedSteps;
  return { lines, closing: `${total.passed} passed, ${failed} failed, ${total.skipped} skipped` };
}
