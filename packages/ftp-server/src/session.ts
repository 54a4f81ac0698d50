// One control connection: reads command lines, runs them in order through the command table,
// owns the socket, timers and TLS; the protocol state lives in one SessionState. Commands see the
// session only as a CommandContext.
import { randomBytes } from 'node:crypto';
import type net from 'node:net';
import tls from 'node:tls';
import { LineReader } from './line-reader.ts';
import type { LineEvent } from './line-reader.ts';
import { DataChannel } from './data/data-channel.ts';
import { normalizeIp } from './data/address.ts';
import { SILENT_LOGGER } from './options.ts';
import type { ResolvedOptions } from './options.ts';
import { selectAlpn } from './tls-options.ts';
import { SessionState } from './session-state.ts';
import type { FtpServerEvents, SessionInfo, TransferInfo } from './types.ts';
import { dispatch, isAllowedDuringTransfer } from './commands/index.ts';
import type { CommandContext } from './commands/types.ts';

/** What a session needs from its server. */
export type SessionHost = {
  readonly options: ResolvedOptions;
  readonly hasTls: boolean;
  createSessionSecureContext(): tls.SecureContext;
  emit<K extends keyof FtpServerEvents>(event: K, ...args: FtpServerEvents[K]): boolean;
  onSessionClosed(session: FtpSession): void;
  /** Runs an authenticate() call under the server-wide concurrency limit. */
  limitLogin<T>(task: () => Promise<T>): Promise<T>;
  /** The session logged in: it stops counting against the pre-login caps. */
  onSessionLoggedIn(session: FtpSession): void;
};

type QueuedCommand = { verb: string; arg: string; isUtf8: boolean } | { verb: null };

// Beyond this many queued commands the socket is paused, so a flood cannot grow memory.
const MAX_QUEUED_COMMANDS = 512;
const MAX_UNREAD_REPLY_BYTES = 256 * 1024;

export class FtpSession implements CommandContext {
  readonly id = randomBytes(6).toString('base64url');
  readonly host: SessionHost;
  readonly remoteAddress: string;
  readonly remotePort: number;
  readonly localAddress: string;
  readonly localPort: number;
  readonly connectedAt = new Date();
  readonly info: SessionInfo;
  readonly dataChannel = new DataChannel();
  readonly state = new SessionState();
  secureContext: tls.SecureContext | null = null;

  #raw: net.Socket;
  #stream: net.Socket;
  #reader: LineReader;
  #queue: QueuedCommand[] = [];
  #isPumping = false;
  #isWaitingForDrain = false;
  #isClosed = false;
  #loginTimer: NodeJS.Timeout | null = null;
  #loginDeadlineAt = Number.POSITIVE_INFINITY;
  #idleTimer: NodeJS.Timeout | null = null;
  readonly #onData = (chunk: Buffer): void => this.#receive(chunk);

  constructor(socket: net.Socket, host: SessionHost) {
    this.host = host;
    this.#raw = socket;
    this.#stream = socket;
    this.remoteAddress = normalizeIp(socket.remoteAddress);
    this.remotePort = socket.remotePort ?? 0;
    this.localAddress = normalizeIp(socket.localAddress);
    this.localPort = socket.localPort ?? 0;
    this.#reader = new LineReader(host.options.maxLineLength);
    socket.setNoDelay(true);
    socket.on('error', (error) => this.log('debug', { err: error.message }, 'control socket error'));
    socket.on('close', () => this.destroy());
    this.info = createView(this);
  }

  get options(): ResolvedOptions {
    return this.host.options;
  }

  get isTlsAvailable(): boolean {
    return this.host.hasTls;
  }

  /** The running transfer (read by the server at shutdown). */
  get transfer(): SessionState['transfer'] {
    return this.state.transfer;
  }

  get isClosed(): boolean {
    return this.#isClosed;
  }

  log(level: 'info' | 'warn' | 'error' | 'debug', fields: Record<string, unknown>, msg: string): void {
    const { logger } = this.options;
    // Skips building the record at all when nobody listens (it is on every command's path).
    if (logger === SILENT_LOGGER) return;
    logger[level]({ session: this.id, ...fields }, msg);
  }

  emit<K extends keyof FtpServerEvents>(event: K, ...args: FtpServerEvents[K]): boolean {
    return this.host.emit(event, ...args);
  }

  limitLogin<T>(task: () => Promise<T>): Promise<T> {
    return this.host.limitLogin(task);
  }

  /** Starts reading commands after the greeting; implicit TLS shakes hands first. */
  start(isImplicitTls: boolean): void {
    this.#setLoginDeadline(Date.now() + this.options.loginTimeoutMs);
    this.#armIdleTimer();
    if (isImplicitTls) {
      this.#wrapTls(() => this.reply(220, this.options.banner));
    } else {
      this.#stream.on('data', this.#onData);
      this.reply(220, this.options.banner);
    }
  }

  /** Sends a reply; an array makes a multi-line reply whose middle lines start with a space. */
  reply(code: number, text: string | readonly string[]): void {
    if (this.#isClosed || this.#stream.destroyed) return;
    const lines = (typeof text === 'string' ? text.split(/\r?\n/) : text).map((l) => l.replace(/[\r\n]/g, ' '));
    let out: string;
    if (lines.length <= 1) {
      out = `${code} ${lines[0] ?? ''}\r\n`;
    } else {
      out = `${code}-${lines[0]}\r\n`;
      for (let i = 1; i < lines.length - 1; i++) out += ` ${lines[i]}\r\n`;
      out += `${code} ${lines[lines.length - 1]}\r\n`;
    }
    this.#stream.write(out);
  }

  /** Writes a raw multi-line body (MLST, STAT), already formatted with CRLFs. */
  replyRaw(text: string): void {
    if (!this.#isClosed && !this.#stream.destroyed) this.#stream.write(text);
  }

  /** Marks the login done: stops the login deadline and leaves the pre-login count. */
  onLoggedIn(): void {
    if (this.#loginTimer) clearTimeout(this.#loginTimer);
    this.#loginTimer = null;
    this.host.onSessionLoggedIn(this);
  }

  /** Under pressure: the session must log in within ms of its connect (only ever shortens). */
  limitLoginDeadline(ms: number): void {
    this.#setLoginDeadline(this.connectedAt.getTime() + ms);
  }

  #setLoginDeadline(at: number): void {
    if (this.state.isLoggedIn || this.#isClosed || at >= this.#loginDeadlineAt) return;
    this.#loginDeadlineAt = at;
    if (this.#loginTimer) clearTimeout(this.#loginTimer);
    this.#loginTimer = setTimeout(() => this.close('Login timeout, closing control connection.'), Math.max(0, at - Date.now()));
  }

  /** Switches the control channel to TLS after the 234 reply; clear-text leftovers are dropped. */
  upgradeToTls(): void {
    this.#reader.clear();
    this.#queue.length = 0;
    this.#raw.off('data', this.#onData);
    this.#wrapTls(() => {});
  }

  #wrapTls(onSecure: () => void): void {
    this.secureContext ??= this.host.createSessionSecureContext();
    const secure = new tls.TLSSocket(this.#raw, { isServer: true, secureContext: this.secureContext, ALPNCallback: selectAlpn });
    this.#stream = secure;
    this.state.isTls = true;
    secure.on('error', (error) => {
      this.log('debug', { err: error.message }, 'control TLS error');
      this.destroy();
    });
    secure.once('secure', onSecure);
    secure.on('close', () => this.destroy());
    secure.on('data', this.#onData);
  }

  #receive(chunk: Buffer): void {
    const events = this.#reader.push(chunk);
    for (const event of events) this.#queue.push(parseLine(event));
    if (this.#queue.length > MAX_QUEUED_COMMANDS) this.#stream.pause();
    this.#kick();
  }

  /** Runs the queue; a bug that escapes every handler ends this session, not the process. */
  #kick(): void {
    this.pump().catch((error: unknown) => {
      this.log('error', { err: (error as Error)?.stack }, 'session failed');
      this.close('Internal error, closing control connection.');
    });
  }

  /** Runs queued commands in order; while a transfer runs, only ABOR/STAT/NOOP/QUIT get through. */
  async pump(): Promise<void> {
    if (this.#isPumping) return;
    this.#isPumping = true;
    try {
      while (!this.#isClosed) {
        const next = this.#queue[0];
        if (!next) break;
        if (this.state.transfer && !isAllowedDuringTransfer(next.verb)) break;
        // A client that sends commands but never reads replies must not grow our write buffer.
        if (this.#stream.writableLength > MAX_UNREAD_REPLY_BYTES) {
          if (!this.#isWaitingForDrain) {
            this.#isWaitingForDrain = true;
            this.#stream.once('drain', () => {
              this.#isWaitingForDrain = false;
              this.#kick();
            });
          }
          break;
        }
        this.#queue.shift();
        this.#armIdleTimer();
        if (next.verb === null) {
          this.reply(500, 'Command line too long.');
          this.countBadCommand();
          continue;
        }
        this.state.lastCommand = next.verb;
        this.log('debug', { verb: next.verb, arg: next.verb === 'PASS' ? '***' : next.arg }, 'command');
        await dispatch(this, next.verb, next.arg, next.isUtf8);
      }
    } finally {
      this.#isPumping = false;
    }
    if (this.#queue.length < MAX_QUEUED_COMMANDS / 2 && this.#stream.isPaused()) this.#stream.resume();
  }

  /** Counts an unknown or refused command; too many ends the session. */
  countBadCommand(): void {
    this.state.unknownCommands++;
    if (this.state.unknownCommands > this.options.maxUnknownCommands) this.close('Too many unrecognized commands.');
  }

  /** Called by transfers when they finish, so queued commands resume and the idle clock restarts. */
  onTransferFinished(): void {
    this.state.transfer = null;
    this.#armIdleTimer();
    this.#kick();
  }

  #armIdleTimer(): void {
    if (this.#idleTimer) clearTimeout(this.#idleTimer);
    this.#idleTimer = setTimeout(() => {
      if (this.state.transfer) this.#armIdleTimer();
      else this.close('Idle timeout, closing control connection.');
    }, this.options.idleTimeoutMs);
  }

  /** Sends 421 (when a message is given), then closes the control connection gracefully. */
  close(message?: string): void {
    if (this.#isClosed) return;
    if (message) this.reply(421, message);
    this.#shutdown();
    this.#stream.end();
    const timer = setTimeout(() => this.#raw.destroy(), 2000);
    timer.unref();
  }

  /** Immediate teardown (socket closed or errored). */
  destroy(): void {
    if (!this.#isClosed) this.#shutdown();
    this.#raw.destroy();
  }

  #shutdown(): void {
    this.#isClosed = true;
    if (this.#loginTimer) clearTimeout(this.#loginTimer);
    if (this.#idleTimer) clearTimeout(this.#idleTimer);
    this.#queue.length = 0;
    this.dataChannel.close();
    this.state.transfer?.abort('ABORTED');
    this.host.onSessionClosed(this);
  }
}

function parseLine(event: LineEvent): QueuedCommand {
  if (event.kind === 'overlong') return { verb: null };
  const text = event.text.replace(/^\s+/, '');
  const space = text.indexOf(' ');
  const verb = (space < 0 ? text : text.slice(0, space)).toUpperCase();
  const arg = space < 0 ? '' : text.slice(space + 1);
  // The verb is ASCII either way; an argument that was not UTF-8 is refused by dispatch().
  return { verb, arg, isUtf8: event.isUtf8 };
}

function createView(session: FtpSession): SessionInfo {
  const { state } = session;
  return {
    get id() { return session.id; },
    get remoteAddress() { return session.remoteAddress; },
    get remotePort() { return session.remotePort; },
    get localPort() { return session.localPort; },
    get isTls() { return state.isTls; },
    get username() { return state.username; },
    get accountId() { return state.auth?.accountId ?? null; },
    get connectedAt() { return session.connectedAt; },
    get lastCommand() { return state.lastCommand; },
    get transfer(): TransferInfo | null { return state.transfer?.info ?? null; },
  };
}
