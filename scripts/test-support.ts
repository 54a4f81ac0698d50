// Shared by test files of every workspace: suites that need a system tool skip loudly when it is
// missing, and fail instead when REQUIRE_ALL_SUITES=1 (set by .ci/run).
import { spawnSync } from 'node:child_process';

export const IS_ALL_SUITES_REQUIRED = process.env.REQUIRE_ALL_SUITES === '1';

/** Returns false when the suite can run, or a skip reason (after a loud warning). Throws under REQUIRE_ALL_SUITES=1. */
export function skipUnless(isAvailable: boolean, what: string): string | false {
  if (isAvailable) return false;
  const message = `SUITE SKIPPED: ${what} is not available on this machine`;
  if (IS_ALL_SUITES_REQUIRED) throw new Error(`${message}, and REQUIRE_ALL_SUITES=1 demands it`);
  process.stderr.write(`\n!!!!!!!! ${message} !!!!!!!!\n\n`);
  return message;
}

export function hasCommand(command: string, args: string[] = ['--version']): boolean {
  const r = spawnSync(command, args, { stdio: 'ignore' });
  return r.error === undefined && r.status !== null;
}
