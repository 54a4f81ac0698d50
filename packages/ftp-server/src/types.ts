// The contract between the FTP engine and its host application. The engine never knows where
// accounts live: the host answers hooks, listens to events, and owns bandwidth buckets and quotas.
import type { BandwidthBucket } from './throttle.ts';

/** Thrown by hooks (or internally) to choose the FTP reply code sent to the client. */
export class FtpError extends Error {
  /** FTP reply code, e.g. 530 (not logged in), 552 (quota exceeded), 421 (service unavailable). */
  readonly code: number;
  /**
   * From the authenticate hook: extra wait before a failed login is answered, on top of
   * failedLoginDelayMs. The engine sleeps it after giving back the login slot, so slowed-down
   * guessers cannot hold maxConcurrentLogins.
   */
  readonly delayMs: number;
  constructor(code: number, message: string, options: { delayMs?: number } = {}) {
    super(message);
    this.name = 'FtpError';
    this.code = code;
    this.delayMs = options.delayMs ?? 0;
  }
}

/** How a login attempt ended: OK; FAILED (wrong credentials); DENIED (refused for another reason: account state, policy, server trouble); BANNED (address blocked). */
export type LoginResult = 'OK' | 'FAILED' | 'DENIED' | 'BANNED';

/** A login attempt as the host judged it, carried by the login:ok and login:failed events. */
export type LoginOutcome<R extends LoginResult = LoginResult> = {
  readonly result: R;
  /** Why, for logs and events (e.g. 'wrong password', 'account disabled'); never sent to the client. */
  readonly reason: string;
  /** Host's account id when the attempt named a known account, else null. */
  readonly accountId: string | null;
};

/** The outcome of a refused login. */
export type LoginFailure = LoginOutcome<Exclude<LoginResult, 'OK'>>;

/**
 * Thrown by the authenticate hook to refuse a login and say why: code and message are the reply,
 * outcome travels in the login:failed event. (A plain FtpError refuses too; its outcome is then
 * DENIED with the error's message as reason and no account.)
 */
export class LoginRefusal extends FtpError {
  readonly outcome: LoginFailure;
  constructor(code: number, message: string, outcome: LoginFailure, options: { delayMs?: number } = {}) {
    super(code, message, options);
    this.name = 'LoginRefusal';
    this.outcome = outcome;
  }
}

/** What an account may do inside its home. */
export type Permission = 'list' | 'read' | 'write' | 'delete' | 'rename' | 'mkdir';

/** Direction of a data transfer; 'list' covers LIST, NLST and MLSD. */
export type TransferDirection = 'upload' | 'download' | 'list';

/** A transfer in progress, as seen from outside the session. */
export type TransferInfo = {
  /** Which way the bytes flow. */
  readonly direction: TransferDirection;
  /** Virtual path (relative to the home, starting with /). */
  readonly path: string;
  /** Bytes moved so far. */
  readonly bytes: number;
  /** When the data connection started moving bytes. */
  readonly startedAt: Date;
  /** Recent throughput, updated about twice a second. */
  readonly bytesPerSecond: number;
  /**
   * Bytes this transfer is expected to move, when known: for RETR the file size minus the REST
   * offset (as stat saw it when the command arrived), for STOR/APPE/STOU the size the client
   * announced with ALLO just before, otherwise null (no ALLO, listings). A hint for progress bars:
   * bytes may end up above or below it.
   */
  readonly size: number | null;
};

/** Read-only view of a control session, for hooks and the host's live registry. */
export type SessionInfo = {
  /** Random short id, also used to tag log lines and for FtpServer.kick(). */
  readonly id: string;
  /** Client IP address (IPv4-mapped IPv6 addresses are reported as plain IPv4). */
  readonly remoteAddress: string;
  /** Client TCP port of the control connection. */
  readonly remotePort: number;
  /** Server port the client connected to (control or implicit-TLS port). */
  readonly localPort: number;
  /** Whether the control channel is encrypted (AUTH TLS done or implicit TLS). */
  readonly isTls: boolean;
  /** Username once USER was sent (null before). Not proof of login: see accountId. */
  readonly username: string | null;
  /** Host's account id after a successful login, null before. */
  readonly accountId: string | null;
  /** When the control connection was accepted. */
  readonly connectedAt: Date;
  /** Verb of the last command received (never its argument, so never a password). */
  readonly lastCommand: string | null;
  /** The running transfer, or null when idle. */
  readonly transfer: TransferInfo | null;
};

/** What the host returns for a successful login. */
export type AuthResult = {
  /** Host's id for the account, echoed in SessionInfo.accountId. */
  accountId: string;
  /** Absolute real path of the account's home; the session is confined to it. */
  home: string;
  /** What the account may do. */
  permissions: ReadonlySet<Permission>;
  /**
   * When true, PASS is refused with 530 unless the control channel is already TLS, and file data
   * must be protected too: PROT C is refused (534) and data commands before PROT P get 521.
   */
  isTlsRequired?: boolean;
  /**
   * Whether this account's protected data connections must resume the control connection's TLS
   * session (refused with 522 otherwise); undefined = the server's tlsPolicy.requireTlsSessionReuse.
   * false lets in clients that never resume (stock Python ftplib, wget, several Java/.NET/Go clients).
   */
  isTlsSessionReuseRequired?: boolean;
  /** Token buckets for this account; pass the same instances to every session of the account. */
  bandwidth?: { upload?: BandwidthBucket; download?: BandwidthBucket };
  /** Quota accounting for this account; omitted means unlimited. */
  quota?: QuotaHandler;
};

/** Async hooks the host plugs in. */
export type FtpHooks = {
  /**
   * Checks credentials; throw LoginRefusal(530, msg, outcome) (or FtpError(530, msg)) to refuse; any
   * other error also refuses with 530. The code may be another 4xx/5xx (421 closes the session).
   */
  authenticate(input: { username: string; password: string; session: SessionInfo }): Promise<AuthResult>;
  /** Called before the banner; throw FtpError(421, msg) to refuse the connection (IP ban, too many sessions). */
  onConnect?(session: SessionInfo): Promise<void> | void;
};

/** Per-upload quota reservation returned by QuotaHandler.openUpload. */
export type UploadQuota = {
  /** Synchronous, called before each chunk is written; false stops the upload with 552 and discards the temp file. */
  take(bytes: number): boolean;
  /**
   * Synchronous, called just before an upload is renamed into place, with the target measured at
   * that moment (under the engine's per-path lock): the file it replaces may have been renamed,
   * deleted or replaced since the upload began. False refuses the commit with 552 (nothing kept).
   */
  settle?(result: { finalSize: number; replacedSize: number; isNewFile: boolean }): boolean;
  /**
   * Always called exactly once, when the upload is committed (renamed into place, or appended in
   * place) or abandoned. replacedSize and isNewFile describe the target as measured at commit.
   */
  end(result: { isCommitted: boolean; bytesWritten: number; finalSize: number; replacedSize: number; isNewFile: boolean }): Promise<void> | void;
};

/** Quota accounting for one account. */
export type QuotaHandler = {
  /** Called before STOR/APPE/STOU opens the data connection; throw FtpError(552) when full. */
  openUpload(input: {
    /** Virtual path of the target file. */
    path: string;
    /** Size of the file being replaced or appended to when the upload starts, 0 if new (a hint: the commit re-measures). */
    previousSize: number;
    /** Whether the target did not exist. */
    isNewFile: boolean;
    /** REST offset (or the previous size for APPE); bytes before it are kept. */
    offset: number;
  }): Promise<UploadQuota>;
  /** Called after DELE, RMD, or a RNTO that overwrote a file, with what was freed. */
  onRemoved?(input: { path: string; bytes: number; files: number }): Promise<void> | void;
  /** ALLO pre-check; throw FtpError(552) when the announced size does not fit. */
  checkAllocation?(bytes: number): Promise<void>;
};

/** Pino-like structured logger; every line carries the session id, never a password. */
export type FtpLogger = {
  info(obj: Record<string, unknown>, msg?: string): void;
  warn(obj: Record<string, unknown>, msg?: string): void;
  error(obj: Record<string, unknown>, msg?: string): void;
  debug(obj: Record<string, unknown>, msg?: string): void;
};

/** TLS certificate chain and private key (PEM). */
export type TlsCredentials = { cert: string | Buffer; key: string | Buffer };

/** Server-wide TLS rules. */
export type TlsPolicy = {
  /** Refuse USER until AUTH TLS (or implicit TLS) was done. */
  isLoginTlsRequired: boolean;
  /** Refuse data transfers unless PROT P is in effect. */
  isProtPRequired: boolean;
  /** Data connections must resume the control connection's TLS session (default true). */
  requireTlsSessionReuse: boolean;
  /**
   * An upload over a protected (PROT P) data connection counts only when the client ended it with
   * a TLS close_notify; a bare TCP FIN or reset is a truncation (426, nothing kept). Default true,
   * as vsftpd's strict_ssl_read_eof.
   */
  isCloseNotifyRequired: boolean;
};

/** Advertise `host` to clients whose address is inside `cidr` (e.g. LAN clients get the private address). */
export type PassiveOverride = { cidr: string; host: string };

/** Passive-mode settings. */
export type PassiveOptions = {
  /** Lowest port of the passive range (inclusive). */
  portMin: number;
  /** Highest port of the passive range (inclusive). */
  portMax: number;
  /** Address announced in 227 replies (IPv4 literal or hostname resolved with dns.lookup); null = the control socket's local address. */
  advertisedHost?: string | null;
  /** Per-client-network advertised addresses, first match wins. */
  overrides?: PassiveOverride[];
};

/** Options of FtpServer; everything except hooks has a default. */
export type FtpServerOptions = {
  /** Host integration. */
  hooks: FtpHooks;
  /** Certificate and key; without them AUTH TLS and implicit TLS are unavailable (see setTlsCredentials). */
  tls?: TlsCredentials;
  /** TLS rules (defaults: optional TLS, PROT C allowed, session reuse required). */
  tlsPolicy?: Partial<TlsPolicy>;
  /** Passive range and advertised addresses (default range 0..0 = any free port). */
  passive?: Partial<PassiveOptions>;
  /** Allow PORT/EPRT (default true). */
  isActiveModeAllowed?: boolean;
  /** Text of the 220 greeting. */
  banner?: string;
  /** Global cap on concurrent control sessions (421 beyond; when full, a newcomer may replace a pre-login session as described at maxPreLoginSessions). */
  maxSessions?: number;
  /** Cap on concurrent sessions from one IP (421 beyond). */
  maxSessionsPerIp?: number;
  /**
   * Cap on concurrent sessions that have not logged in yet (default: half of maxSessions, rounded
   * up; null = that default). When it (or maxSessions) is reached, a newcomer makes the oldest
   * pre-login session of the address holding the most of them go (421), provided that address
   * holds more than the newcomer's own and the session connected at least 1 s ago; otherwise the
   * newcomer gets 421. A session that logs in stops counting here.
   */
  maxPreLoginSessions?: number | null;
  /** Cap on concurrent pre-login sessions from one IP (421 beyond; default: half of maxSessionsPerIp, rounded up; null = that default). */
  maxPreLoginSessionsPerIp?: number | null;
  /** Time allowed between connect and successful login. */
  loginTimeoutMs?: number;
  /**
   * Shorter login deadline while pre-login sessions fill at least half of maxPreLoginSessions: new
   * sessions get it, and sessions already waiting are cut to it (counted from their connect).
   * Never longer than loginTimeoutMs. Default 10 s.
   */
  busyLoginTimeoutMs?: number;
  /** Disconnect (421) after this long without a command while no transfer runs. */
  idleTimeoutMs?: number;
  /** Timeout for a data connection to be established, and for a stalled data connection. */
  dataTimeoutMs?: number;
  /** Disconnect after this many failed logins on one session (IP bans are the host's, via onConnect). */
  maxLoginFailures?: number;
  /** At most this many authenticate() calls run at once, so password hashing cannot starve the server. */
  maxConcurrentLogins?: number;
  /** Delay before answering a failed PASS. */
  failedLoginDelayMs?: number;
  /** Longest accepted command line in bytes (longer lines get 500 and are discarded). */
  maxLineLength?: number;
  /** Listings stop (with 451 / truncated) beyond this many entries. */
  maxListEntries?: number;
  /** Disconnect after this many unknown or refused-syntax commands. */
  maxUnknownCommands?: number;
  /** Keep the partial file under the real name when an upload fails (for client-side resume). */
  keepPartialUploads?: boolean;
  /** Structured logger; silent when omitted. */
  logger?: FtpLogger;
};

/** Options that updateOptions() may change on a running server. */
export type FtpServerLiveOptions = Omit<FtpServerOptions, 'hooks' | 'tls'>;

/** How a transfer ended. */
export type TransferStatus = 'OK' | 'ABORTED' | 'FAILED' | 'QUOTA';

/** Filesystem changes reported by the fs:change event. */
export type FsAction = 'mkdir' | 'rmdir' | 'delete' | 'rename' | 'chmod' | 'mfmt';

/** Typed events of FtpServer; all paths are virtual. */
export type FtpServerEvents = {
  /** A control connection was accepted (after onConnect allowed it). */
  'session:open': [session: SessionInfo];
  /** A control connection closed. */
  'session:close': [session: SessionInfo];
  /** PASS succeeded; outcome.accountId is AuthResult.accountId. */
  'login:ok': [event: { session: SessionInfo; username: string; outcome: LoginOutcome<'OK'> }];
  /**
   * PASS failed. outcome is the one the hook threw with a LoginRefusal; otherwise DENIED with the
   * error's message (a hook that threw something else: 'authenticate hook failed'), and the
   * account id when the hook accepted but the engine refused afterwards (account needs TLS, home
   * unusable). reason repeats outcome.reason. Both are for logs, never shown to the client.
   */
  'login:failed': [event: { session: SessionInfo; username: string; reason: string; outcome: LoginFailure }];
  /** A data transfer started moving bytes. */
  'transfer:start': [event: { session: SessionInfo; direction: TransferDirection; path: string; size: number | null }];
  /** Throughput report, at most about twice a second per transfer; size as in TransferInfo.size. */
  'transfer:progress': [event: { session: SessionInfo; direction: TransferDirection; path: string; bytes: number; bytesPerSecond: number; size: number | null }];
  /** A transfer finished, successfully or not (also FAILED when its data connection never opened). */
  'transfer:end': [event: { session: SessionInfo; direction: TransferDirection; path: string; bytes: number; durationMs: number; status: TransferStatus }];
  /** The tree changed through a command other than an upload. */
  'fs:change': [event: { session: SessionInfo; action: FsAction; path: string; toPath?: string }];
};

/** Address a listener is bound to. */
export type ListenAddress = { address: string; family: string; port: number };

/** Methods of FtpServer (which also extends EventEmitter<FtpServerEvents>). */
export type FtpServerControl = {
  /** Starts the plain/explicit-TLS control listener; port 0 picks a free port. */
  listen(input: { port: number; host?: string }): Promise<ListenAddress>;
  /** Starts an implicit-TLS listener (needs TLS credentials at the time of the call). */
  listenImplicitTls(input: { port: number; host?: string }): Promise<ListenAddress>;
  /** Applies options live: new sessions use them; running sessions keep working. */
  updateOptions(partial: Partial<FtpServerLiveOptions>): void;
  /**
   * Swaps certificate and key without a restart; new TLS handshakes use them. Throws (and changes
   * nothing) when the pair is unusable.
   *
   * null turns TLS off live: AUTH is refused with 534, FEAT stops announcing AUTH TLS/PBSZ/PROT,
   * and implicit-TLS listeners stay bound but drop new connections at once (nothing is said in
   * clear text to a client that expects a handshake). Sessions that are already encrypted keep
   * their TLS context, so they and their protected data connections go on working until they end.
   * Passing credentials again re-enables everything, on the same listeners.
   */
  setTlsCredentials(credentials: TlsCredentials | null): void;
  /** Whether TLS credentials are set (AUTH TLS and implicit TLS available to new sessions). */
  readonly isTlsEnabled: boolean;
  /** Live sessions. */
  readonly sessions: Iterable<SessionInfo>;
  /** Sends 421 (with message) and closes the session; false when the id is unknown. */
  kick(sessionId: string, message?: string): boolean;
  /** Stops accepting, lets sessions finish until the deadline, then sends 421 and closes them. */
  close(input?: { deadlineMs?: number }): Promise<void>;
};
