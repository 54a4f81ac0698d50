// Small helpers shared by command families.
import type { ConfinedFs } from '../fs/confined-fs.ts';
import { FtpError } from '../types.ts';
import type { CommandContext } from './types.ts';

/** The session's confined filesystem; guards guarantee login before handlers run. */
export function confined(session: CommandContext): ConfinedFs {
  if (!session.state.fs) throw new FtpError(530, 'Please login with USER and PASS.');
  return session.state.fs;
}

/** RFC 959 257 quoting: a double quote inside the path is doubled. */
export function quotePath(virtual: string): string {
  return `"${virtual.replace(/"/g, '""')}"`;
}
