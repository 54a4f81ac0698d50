// The command table and the single place where guards run before a handler.
import { FtpError } from '../types.ts';
import { AUTH_COMMANDS } from './auth.ts';
import { FILE_COMMANDS } from './files.ts';
import { INFO_COMMANDS } from './info.ts';
import { LISTING_COMMANDS } from './listing.ts';
import { NAVIGATION_COMMANDS } from './navigation.ts';
import { refuseNonUtf8 } from './non-utf8.ts';
import { TLS_COMMANDS } from './tls.ts';
import { TRANSFER_COMMANDS } from './transfer.ts';
import { UNIMPLEMENTED_VERBS } from './types.ts';
import type { CommandContext, Verb, VerbSpec } from './types.ts';

export const COMMANDS: Record<Verb, VerbSpec> = {
  ...AUTH_COMMANDS,
  ...TLS_COMMANDS,
  ...INFO_COMMANDS,
  ...NAVIGATION_COMMANDS,
  ...FILE_COMMANDS,
  ...LISTING_COMMANDS,
  ...TRANSFER_COMMANDS,
};

function lookup(verb: string): VerbSpec | undefined {
  return Object.hasOwn(COMMANDS, verb) ? COMMANDS[verb as Verb] : undefined;
}

function isLoginRequired(spec: VerbSpec, arg: string): boolean {
  const { isLoginRequired = true } = spec;
  return typeof isLoginRequired === 'function' ? isLoginRequired(arg) : isLoginRequired;
}

export function isAllowedDuringTransfer(verb: string | null): boolean {
  return verb !== null && lookup(verb)?.isAllowedDuringTransfer === true;
}

export async function dispatch(session: CommandContext, verb: string, arg: string, isArgUtf8 = true): Promise<void> {
  const spec = lookup(verb);
  if (!spec) {
    if (UNIMPLEMENTED_VERBS.has(verb)) session.reply(502, 'Command not implemented.');
    else session.reply(500, 'Unknown command.');
    session.countBadCommand();
    return;
  }
  const { tlsPolicy } = session.options;
  if (tlsPolicy.isLoginTlsRequired && !session.state.isTls && !spec.isAllowedBeforeTls) {
    session.reply(530, 'TLS is required on this server: use AUTH TLS first.');
    return;
  }
  if (!session.state.isLoggedIn && isLoginRequired(spec, arg)) {
    session.reply(530, 'Please login with USER and PASS.');
    return;
  }
  if (spec.isArgumentRequired && arg.trim() === '') {
    session.reply(501, 'Syntax error: argument required.');
    return;
  }
  const permission = typeof spec.permission === 'function' ? spec.permission(arg) : spec.permission;
  if (permission && !session.state.permissions.has(permission)) {
    session.reply(550, 'Permission denied.');
    return;
  }
  if (!isArgUtf8) {
    refuseNonUtf8(session, verb as Verb);
    return;
  }
  if (spec.isDataCommand && session.state.protection !== 'P') {
    if (tlsPolicy.isProtPRequired) {
      session.reply(521, 'Data connections must be protected: use PBSZ 0 and PROT P.');
      return;
    }
    if (session.state.auth?.isTlsRequired) {
      session.reply(521, 'This account requires protected data connections: use PBSZ 0 and PROT P.');
      return;
    }
  }
  try {
    await spec.run(session, arg);
  } catch (error) {
    if (error instanceof FtpError) {
      session.reply(error.code, error.message);
      if (error.code === 421) session.close();
      return;
    }
    session.log('error', { verb, err: (error as Error)?.stack }, 'command failed');
    session.reply(451, 'Local error in processing.');
  }
}
