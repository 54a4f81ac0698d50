// USER/PASS/QUIT. USER always answers 331 so usernames cannot be probed; failures are delayed
// and counted; the account may demand TLS on top of the server policy.
import { setTimeout as sleep } from 'node:timers/promises';
import { ConfinedFs } from '../fs/confined-fs.ts';
import { FtpError } from '../types.ts';
import type { AuthResult } from '../types.ts';
import type { FtpSession } from '../session.ts';
import type { CommandFamily } from './types.ts';

export const AUTH_COMMANDS = {
  USER: {
    isLoginRequired: false,
    isArgumentRequired: true,
    run(session, arg) {
      if (session.isLoggedIn) {
        session.reply(503, 'Already logged in.');
        return;
      }
      session.username = arg;
      session.reply(331, 'Please specify the password.');
    },
  },
  PASS: {
    isLoginRequired: false,
    async run(session, arg) {
      if (session.isLoggedIn) {
        session.reply(503, 'Already logged in.');
        return;
      }
      const username = session.username;
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
} satisfies CommandFamily;

async function login(session: FtpSession, username: string, password: string): Promise<void> {
  const { options, host } = session;
  let result: AuthResult;
  let fs: ConfinedFs;
  try {
    result = await host.limitLogin(() => options.hooks.authenticate({ username, password, session: session.info }));
    if (result.isTlsRequired && !session.isTls) throw new FtpError(530, 'This account requires TLS (use AUTH TLS).');
    fs = await ConfinedFs.open(result.home).catch((error: unknown) => {
      session.log('error', { err: (error as Error).message }, 'home directory unusable');
      throw new FtpError(530, 'Login incorrect.');
    });
  } catch (error) {
    const isFtpError = error instanceof FtpError;
    const reason = isFtpError ? error.message : 'authenticate hook failed';
    if (!isFtpError) session.log('error', { err: (error as Error)?.message }, 'authenticate hook threw');
    session.loginFailures++;
    session.username = null;
    host.emit('login:failed', { session: session.info, username, reason });
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
    if (session.loginFailures >= options.maxLoginFailures) session.close('Too many failed logins.');
    return;
  }
  session.auth = result;
  session.fs = fs;
  session.cwd = '/';
  session.onLoggedIn();
  host.emit('login:ok', { session: session.info, username });
  session.log('info', { username, accountId: result.accountId }, 'login ok');
  session.reply(230, 'Login successful.');
}
