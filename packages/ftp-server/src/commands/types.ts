// Shape of the command table, and the one door from a handler to its control connection
// (CommandContext). Guards (login, argument, permission, TLS policy) are data here and run once
// in dispatch(); handlers assume they passed. Nothing under commands/ imports the session itself.
import type tls from 'node:tls';
import type { DataChannel } from '../data/data-channel.ts';
import type { ResolvedOptions } from '../options.ts';
import type { SessionState } from '../session-state.ts';
import type { FtpServerEvents, Permission, SessionInfo } from '../types.ts';

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

/** What a command handler (and the transfer and upload work it starts) may use of its session. */
export type CommandContext = {
  /** Protocol state, read and written by handlers. */
  readonly state: SessionState;
  readonly options: ResolvedOptions;
  /** The read-only view given to the host in hooks and events. */
  readonly info: SessionInfo;
  readonly dataChannel: DataChannel;
  readonly remoteAddress: string;
  readonly localAddress: string;
  /** TLS credentials are set on the server now (AUTH TLS can be offered). */
  readonly isTlsAvailable: boolean;
  /** This session's TLS context once it went TLS (data connections resume it). */
  readonly secureContext: tls.SecureContext | null;
  readonly isClosed: boolean;
  /** Sends a reply; an array makes a multi-line reply. */
  reply(code: number, text: string | readonly string[]): void;
  /** Writes a multi-line body already formatted with CRLFs (MLST, STAT). */
  replyRaw(text: string): void;
  log(level: 'info' | 'warn' | 'error' | 'debug', fields: Record<string, unknown>, msg: string): void;
  /** Emits an event of the server to the host. */
  emit<K extends keyof FtpServerEvents>(event: K, ...args: FtpServerEvents[K]): boolean;
  /** 421 with the message (when given), then closes the control connection. */
  close(message?: string): void;
  /** Switches the control channel to TLS after a 234 reply. */
  upgradeToTls(): void;
  /** Runs an authenticate() call under the server-wide concurrency limit. */
  limitLogin<T>(task: () => Promise<T>): Promise<T>;
  /** The login succeeded: the login deadline stops and the session leaves the pre-login caps. */
  onLoggedIn(): void;
  /** Counts an unknown or refused command; too many end the session. */
  countBadCommand(): void;
  /** A transfer sent its final reply: queued commands resume. */
  onTransferFinished(): void;
};

/** One verb of the command table. */
export type VerbSpec = {
  run(context: CommandContext, arg: string): Promise<void> | void;
  /** Default true: refused with 530 before login; a function decides from the argument. */
  isLoginRequired?: boolean | ((arg: string) => boolean);
  /** Refused with 501 when the argument is empty. */
  isArgumentRequired?: boolean;
  /** Account permission the command needs (550 without it); a function decides from the argument. */
  permission?: Permission | ((arg: string) => Permission | null);
  /** Allowed in clear text when the policy requires TLS before login. */
  isAllowedBeforeTls?: boolean;
  /** Answered while a transfer runs instead of waiting for it to finish. */
  isAllowedDuringTransfer?: boolean;
  /** Opens a data connection, so "PROT P required" applies. */
  isDataCommand?: boolean;
};

export type VerbFamily = Partial<Record<Verb, VerbSpec>>;
