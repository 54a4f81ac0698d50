// Types for test-summary.mjs (plain JavaScript so Node loads it as a reporter without tsx).
export type TestCounts = { passed: number; failed: number; skipped: number; todo: number; emptyFiles: string[] };
export type StepResult = { label: string; code: number; seconds: number; counts: TestCounts | null };
export function countEvent(counts: TestCounts, event: { type: string; data: { name?: string; file?: string; nesting?: number; details?: { type?: string }; skip?: unknown; todo?: unknown } }): TestCounts;
export default function summaryReporter(source: AsyncIterable<unknown>): AsyncGenerator<string>;
export function readSummary(file: string): TestCounts | null;
export function summaryLines(results: StepResult[]): { lines: string[]; closing: string };
