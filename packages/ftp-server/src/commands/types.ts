// Shape of the command table. Guards (login, argument, permission, TLS policy) are data here and
// run once in dispatch(); handlers assume they passed.
import type { FtpSession } from '../session.ts';
import type { Permission } from '../types.ts';

export const VERBS = [
  'USER', 'PASS', 'QUIT', 'NOOP', 'SYST', 'FEAT', 'OPTS', 'HELP', 'STAT', 'HOST',
  'AUTH', 'PBSZ', 'PROT', 'CCC',
  'CWD', 'XCWD', 'CDUP', 'XCUP', 'PWD', 'XPWD', 'MKD', 'XMKD', 'RMD', 'XRMD', 'DELE', 'RNFR', 'RNTO',
  'TYPE', 'MODE', 'STRU', 'PORT', 'EPRT', 'PASV', 'EPSV',
  'LIST', 'NLST', 'MLSD', 'MLST', 'RETR', 'STOR', 'APPE', 'STOU', 'REST', 'SIZE', 'MDTM', 'MFMT', 'ALLO', 'ABOR',
  'SITE',
] as const;

export type Verb = (typeof VERBS)[number];

/** Known verbs this server deliberately does not implement (502 rather than 500). */
export const UNIMPLEMENTED_VERBS: ReadonlySet<string> = new Set([
  'ACCT', 'SMNT', 'REIN', 'LPRT', 'LPSV', 'ADAT', 'MIC', 'CONF', 'ENC', 'LANG', 'XRCP', 'XSEN', 'XSEM', 'XMAS', 'MLFL', 'MAIL', 'MSND', 'MSOM', 'MSAM', 'MRSQ', 'MRCP',
]);

export type CommandSpec = {
  run(session: FtpSession, arg: string): Promise<void> | void;
  /** Default true: refused with 530 before login. */
  isLoginRequired?: boolean;
  /** Refused with 501 when the argument is empty. */
  isArgumentRequired?: boolean;
  /** Account permission the command needs (550 without it). */
  permission?: Permission;
  /** Allowed in clear text when the policy requires TLS before login. */
  isAllowedBeforeTls?: boolean;
  /** Answered while a transfer runs instead of waiting for it to finish. */
  isAllowedDuringTransfer?: boolean;
  /** Opens a data connection, so "PROT P required" applies. */
  isDataCommand?: boolean;
};

export type CommandFamily = Partial<Record<Verb, CommandSpec>>;
