// session list|kick: live FTP sessions, through the running service's control socket
// (DATA_DIR/control.sock). Kicks also go to the change feed on PostgreSQL, where other nodes
// may hold the session.
import { ControlUnavailableError, controlSocketPath, notifyChange, sendControlRequest } from '@ftp-panel/core';
import type { ControlRequest, LiveSession } from '@ftp-panel/core';
import { JSON_OPTION } from './common.ts';
import { formatJson, formatTable } from '../output.ts';
import { CommandError, UsageError, booleanOption } from '../registry.ts';
import type { CommandContext, CommandSpec } from '../registry.ts';

const NOT_RUNNING = 'the FTP service is not running';

async function ask(ctx: CommandContext, request: ControlRequest): Promise<{ sessions?: LiveSession[]; kicked?: number } | null> {
  try {
    const answer = await sendControlRequest(controlSocketPath(ctx.config.dataDir), request);
    if (!answer.ok) throw new CommandError(`the FTP service refused: ${answer.error}`);
    return { ...('sessions' in answer ? { sessions: answer.sessions } : {}), ...('kicked' in answer ? { kicked: answer.kicked } : {}) };
  } catch (error) {
    if (error instanceof ControlUnavailableError) return null;
    throw error;
  }
}

function formatSpeed(bytesPerSecond: number): string {
  return `${(bytesPerSecond / 1024).toFixed(0)} KiB/s`;
}

function activity(session: LiveSession): string {
  const t = session.transfer;
  if (!t) return session.lastCommand ?? '-';
  return `${t.direction} ${t.path} ${t.bytes} B at ${formatSpeed(t.bytesPerSecond)}`;
}

const list: CommandSpec = {
  name: 'session list',
  summary: 'list the live FTP sessions of the service running on this machine',
  options: { json: JSON_OPTION },
  database: 'unchecked',
  async run(ctx, parsed) {
    const answer = await ask(ctx, { cmd: 'sessions' });
    if (!answer) throw new CommandError(NOT_RUNNING);
    const sessions = answer.sessions ?? [];
    if (booleanOption(parsed, 'json')) {
      ctx.stdout(formatJson(sessions));
      return;
    }
    if (sessions.length === 0) {
      ctx.stdout('No sessions.\n');
      return;
    }
    const rows = sessions.map((s) => [s.id, s.username ?? '(not logged in)', s.remoteIp, s.connectedAt.slice(0, 19).replace('T', ' '), s.isTls ? 'yes' : 'no', activity(s)]);
    ctx.stdout(formatTable(['ID', 'ACCOUNT', 'IP', 'SINCE (UTC)', 'TLS', 'ACTIVITY'], rows));
  },
};

const kick: CommandSpec = {
  name: 'session kick',
  summary: 'disconnect one session (by id) or every session of an account',
  args: ['target'],
  options: {
    // A flag, so that "--account <name>" reads naturally while <target> stays one positional.
    account: { type: 'boolean', description: '<target> is an account name: kick every session of it' },
  },
  details: 'Usage:\n  ftpadmin session kick <id>\n  ftpadmin session kick --account <name>',
  database: 'unchecked',
  async run(ctx, parsed) {
    const target = (parsed.args.target as string).trim();
    if (target === '') throw new UsageError('give a session id, or --account <name>', 'session kick');
    const username = booleanOption(parsed, 'account') ? target : undefined;
    const sessionId = username === undefined ? target : undefined;
    const request: ControlRequest = username ? { cmd: 'kick-account', username } : { cmd: 'kick', sessionId: sessionId as string };
    const answer = await ask(ctx, request);
    const isShared = ctx.db.provider === 'postgresql';
    if (isShared) await notifyChange(ctx.db, 'session.kick', null, username ? { username } : { sessionId });
    if (!answer && !isShared) throw new CommandError(NOT_RUNNING);
    const kicked = answer?.kicked ?? 0;
    const what = username ? `account ${username}` : `session ${sessionId}`;
    ctx.stdout(`${what}: ${kicked} session(s) disconnected here${isShared ? '; other FTP nodes were told as well' : ''}.\n`);
  },
};

export const SESSION_COMMANDS: CommandSpec[] = [list, kick];
