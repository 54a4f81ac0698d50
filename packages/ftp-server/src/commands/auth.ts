// USER/PASS/QUIT. USER always answers 331 so usernames cannot be probed; failures are delayed
// and counted; the account may demand TLS on top of the server policy.
import { setTimeout as sleep } from 'node:timers/promises';
import { ConfinedFs } from '../fs/confined-fs.ts';
import { FtpError, LoginRefusal } from '../types.ts';
import type { AuthResult, LoginFailure } from '../types.ts';
import type { CommandContext, VerbFamily } from './types.ts';

export const AUTH_COMMANDS = {
  USER: {
    isLoginRequired: false,
    isArgumentRequired: true,
    run(session, arg) {
      if (session.state.isLoggedIn) {
        session.reply(503, 'Already logged in.');
        return;
      }
      session.state.username = arg;
      session.reply(331, 'Please specify the password.');
    },
  },
  PASS: {
    isLoginRequired: false,
    async run(session, arg) {
      if (session.state.isLoggedIn) {
        session.reply(503, 'Already logged in.');
        return;
      }
      const username = session.state.username;
      if (username === null) {
        session.reply(503, 'Login with USER first.');
        return;
      }
      await login(session, username, arg);
    },
  },
  QUIT: {
    isLoginRequired: false,
    isAllowedBeforeTls: true,
    isAllowedDuringTransfer: true,
    run(session) {
      session.reply(221, 'Goodbye.');
      session.close();
    },
  },
} satisfies VerbFamily;

async function login(session: CommandContext, username: string, password: string): Promise<void> {
  const { options } = session;
  let result: AuthResult;
  let fs: ConfinedFs;
  try {
    result = await session.limitLogin(() => options.hooks.authenticate({ username, password, session: session.info }));
    const accepted = result;
    const deny = (reason: string, message: string): LoginRefusal =>
      new LoginRefusal(530, message, { result: 'DENIED', reason, accountId: accepted.accountId });
    if (result.isTlsRequired && !session.state.isTls) throw deny('TLS required', 'This account requires TLS (use AUTH TLS).');
    fs = await ConfinedFs.open(result.home).catch((error: unknown) => {
      session.log('error', { err: (error as Error).message }, 'home directory unusable');
      throw deny('home directory unusable', 'Login incorrect.');
    });
  } catch (error) {
    const isFtpError = error instanceof FtpError;
    if (!isFtpError) session.log('error', { err: (error as Error)?.message }, 'authenticate hook threw');
    const outcome = failureOutcome(error);
    const { reason } = outcome;
    session.state.loginFailures++;
    session.state.username = null;
    session.emit('login:failed', { session: session.info, username, reason, outcome });
    session.log('info', { username, reason }, 'login failed');
    // Outside limitLogin: a sleeping failure holds no login slot.
    await sleep(options.failedLoginDelayMs + (isFtpError ? Math.max(0, error.delayMs) : 0));
    if (session.isClosed) return;
    // The hook chooses code and words (e.g. 421 for a ban); anything unexpected stays a bland 530.
    session.reply(isFtpError && error.code >= 400 ? error.code : 530, isFtpError ? error.message : 'Login incorrect.');
    if (isFtpError && error.code === 421) {
      session.close();
      return;
    }
    if (session.state.loginFailures >= options.maxLoginFailures) session.close('Too many failed logins.');
    return;
  }
  session.state.auth = result;
  session.state.fs = fs;
  session.state.cwd = '/';
  session.onLoggedIn();
  session.emit('login:ok', { session: session.info, username, outcome: { result: 'OK', reason: 'ok', accountId: result.accountId } });
  session.log('info', { username, accountId: result.accountId }, 'login ok');
  session.reply(230, 'Login successful.');
}

function failureOutcome(error: unknown): LoginFailure {
  if (error instanceof LoginRefusal) return error.outcome;
  return { result: 'DENIED', reason: error instanceof FtpError ? error.message : 'authenticate hook failed', accountId: null };
}
