// Moving around the virtual tree. The working directory is always a virtual path.
import path from 'node:path';
import { FtpError } from '../types.ts';
import { confined, quotePath } from './helpers.ts';
import type { CommandContext, VerbFamily, VerbSpec } from './types.ts';

async function changeDirectory(session: CommandContext, target: string): Promise<void> {
  const resolved = await confined(session).resolveExisting(session.state.cwd, target);
  if (!resolved.stats.isDirectory()) throw new FtpError(550, `${resolved.virtual}: Not a directory.`);
  session.state.cwd = resolved.virtual;
  session.reply(250, `Directory successfully changed to ${quotePath(resolved.virtual)}.`);
}

const CWD: VerbSpec = { isArgumentRequired: true, run: (session, arg) => changeDirectory(session, arg) };
const CDUP: VerbSpec = { run: (session) => changeDirectory(session, path.posix.dirname(session.state.cwd)) };
const PWD: VerbSpec = {
  run(session) {
    session.reply(257, `${quotePath(session.state.cwd)} is the current directory.`);
  },
};

export const NAVIGATION_COMMANDS = { CWD, XCWD: CWD, CDUP, XCUP: CDUP, PWD, XPWD: PWD } satisfies VerbFamily;
