// Moving around the virtual tree. The working directory is always a virtual path.
import path from 'node:path';
import { FtpError } from '../types.ts';
import type { FtpSession } from '../session.ts';
import { confined, quotePath } from './helpers.ts';
import type { CommandFamily, CommandSpec } from './types.ts';

async function changeDirectory(session: FtpSession, target: string): Promise<void> {
  const resolved = await confined(session).resolveExisting(session.cwd, target);
  if (!resolved.stats.isDirectory()) throw new FtpError(550, `${resolved.virtual}: Not a directory.`);
  session.cwd = resolved.virtual;
  session.reply(250, `Directory successfully changed to ${quotePath(resolved.virtual)}.`);
}

const CWD: CommandSpec = { isArgumentRequired: true, run: (session, arg) => changeDirectory(session, arg) };
const CDUP: CommandSpec = { run: (session) => changeDirectory(session, path.posix.dirname(session.cwd)) };
const PWD: CommandSpec = {
  run(session) {
    session.reply(257, `${quotePath(session.cwd)} is the current directory.`);
  },
};

export const NAVIGATION_COMMANDS = { CWD, XCWD: CWD, CDUP, XCUP: CDUP, PWD, XPWD: PWD } satisfies CommandFamily;
