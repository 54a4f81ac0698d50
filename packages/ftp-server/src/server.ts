// FtpServer owns the listeners and the set of live sessions, applies connection limits, creates
// per-session TLS contexts and re-emits session activity as typed events for the host.
import { EventEmitter } from 'node:events';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import tls from 'node:tls';
import { normalizeIp, validateOverrides } from './data/address.ts';
import { DEFAULTS, mergeOptions, preLoginLimits } from './options.ts';
import type { ResolvedOptions } from './options.ts';
import { FtpSession } from './session.ts';
import { TLS12_CIPHERS, TLS_MIN_VERSION } from './tls-options.ts';
import type { SessionHost } from './session.ts';
import { FtpError } from './types.ts';
import type {
  FtpServerControl,
  FtpServerEvents,
  FtpServerLiveOptions,
  FtpServerOptions,
  ListenAddress,
  SessionInfo,
  TlsCredentials,
} from './types.ts';

// Login deadline becomes busyLoginTimeoutMs once pre-login sessions fill this share of their cap.
const BUSY_SHARE = 0.5;
// A pre-login session this young is never closed to make room for a newcomer.
const PRE_LOGIN_GRACE_MS = 1000;

export class FtpServer extends EventEmitter<FtpServerEvents> implements FtpServerControl {
  #options: ResolvedOptions;
  #tls: TlsCredentials | null;
  readonly #listeners = new Set<net.Server>();
  readonly #sessions = new Set<FtpSession>();
  readonly #perIp = new Map<string, number>();
  // Sessions that have not logged in yet, per address, oldest first (Sets keep insertion order).
  readonly #preLogin = new Map<string, Set<FtpSession>>();
  #preLoginCount = 0;
  #isBusy = false;
  // Sessions the host heard about: only they get a session:close.
  readonly #announced = new WeakSet<FtpSession>();
  #isClosing = false;
  #runningLogins = 0;
  readonly #loginQueue: (() => void)[] = [];
  readonly #host: SessionHost;

  constructor(options: FtpServerOptions) {
    super();
    const { hooks, tls: credentials, ...live } = options;
    if (live.passive?.overrides) validateOverrides(live.passive.overrides);
    this.#options = { ...mergeOptions(DEFAULTS, live), hooks };
    this.#tls = null;
    if (credentials) this.setTlsCredentials(credentials);
    const readOptions = (): ResolvedOptions => this.#options;
    const readHasTls = (): boolean => this.#tls !== null;
    this.#host = {
      get options() {
        return readOptions();
      },
      get hasTls() {
        return readHasTls();
      },
      createSessionSecureContext: () => this.#createSessionSecureContext(),
      emit: (event, ...args) => this.#safeEmit(event, args),
      onSessionClosed: (session) => this.#onSessionClosed(session),
      limitLogin: (task) => this.#limitLogin(task),
      onSessionLoggedIn: (session) => this.#leavePreLogin(session),
    };
  }

  get options(): Readonly<ResolvedOptions> {
    return this.#options;
  }

  get sessions(): Iterable<SessionInfo> {
    return [...this.#sessions].map((s) => s.info);
  }

  listen(input: { port: number; host?: string }): Promise<ListenAddress> {
    return this.#listen(input, false);
  }

  listenImplicitTls(input: { port: number; host?: string }): Promise<ListenAddress> {
    if (!this.#tls) return Promise.reject(new Error('listenImplicitTls needs TLS credentials (options.tls or setTlsCredentials)'));
    return this.#listen(input, true);
  }

  updateOptions(partial: Partial<FtpServerLiveOptions>): void {
    if (partial.passive?.overrides) validateOverrides(partial.passive.overrides);
    this.#options = { ...mergeOptions(this.#options, partial), hooks: this.#options.hooks };
  }

  setTlsCredentials(credentials: TlsCredentials | null): void {
    if (credentials === null) {
      // Running TLS sessions hold their own SecureContext, so they are not affected.
      this.#tls = null;
      return;
    }
    // Building a context validates the pair now, instead of failing the next handshake.
    tls.createSecureContext({ cert: credentials.cert, key: credentials.key, minVersion: TLS_MIN_VERSION, ciphers: TLS12_CIPHERS });
    this.#tls = { cert: credentials.cert, key: credentials.key };
  }

  /** The certificate and key new TLS sessions get (null: TLS off); what FTPS really serves. */
  get tlsCredentials(): Readonly<TlsCredentials> | null {
    return this.#tls;
  }

  get isTlsEnabled(): boolean {
    return this.#tls !== null;
  }

  kick(sessionId: string, message = 'Disconnected by administrator.'): boolean {
    for (const session of this.#sessions) {
      if (session.id === sessionId) {
        session.close(message);
        return true;
      }
    }
    return false;
  }

  async close(input: { deadlineMs?: number } = {}): Promise<void> {
    this.#isClosing = true;
    const deadlineMs = input.deadlineMs ?? 10_000;
    // net.Server#close only calls back once every connection is gone, so it is awaited last.
    const listenersClosed = [...this.#listeners].map((l) => new Promise<void>((resolve) => l.close(() => resolve())));
    this.#listeners.clear();
    // Idle sessions go now; sessions in a transfer get until the deadline to finish it.
    const waits: Promise<void>[] = [];
    for (const session of this.#sessions) {
      if (!session.transfer) session.close('Server shutting down.');
      else waits.push(session.transfer.whenDone().then(() => session.close('Server shutting down.')));
    }
    await withTimeout(Promise.all(waits), deadlineMs);
    const aborted: Promise<void>[] = [];
    for (const session of this.#sessions) {
      const transfer = session.transfer;
      if (!transfer) {
        session.close('Server shutting down.');
        continue;
      }
      // Past the deadline: 426 for the transfer first, then 421 for the session.
      transfer.abort('ABORTED');
      aborted.push(withTimeout(transfer.whenDone(), 1000).then(() => session.close('Server shutting down.')));
    }
    await Promise.all(aborted);
    const started = Date.now();
    while (this.#sessions.size > 0 && Date.now() - started < 2000) await new Promise((r) => setTimeout(r, 20));
    for (const session of this.#sessions) session.destroy();
    await withTimeout(Promise.all(listenersClosed), 1000);
  }

  #listen(input: { port: number; host?: string }, isImplicitTls: boolean): Promise<ListenAddress> {
    const server = net.createServer({ noDelay: true }, (socket) => void this.#accept(socket, isImplicitTls));
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen({ port: input.port, host: input.host }, () => {
        server.off('error', reject);
        server.on('error', (error) => this.#options.logger.error({ err: error.message }, 'listener error'));
        this.#listeners.add(server);
        const address = server.address() as net.AddressInfo;
        resolve({ address: address.address, family: address.family, port: address.port });
      });
    });
  }

  async #accept(socket: net.Socket, isImplicitTls: boolean): Promise<void> {
    socket.on('error', () => {});
    // TLS was turned off after this listener started: it stays bound (so turning TLS back on needs
    // no rebind) but takes nobody new.
    if (isImplicitTls && !this.#tls) {
      socket.destroy();
      return;
    }
    const options = this.#options;
    const ip = normalizeIp(socket.remoteAddress);
    const refusal = this.#isClosing ? 'Server shutting down.' : this.#makeRoom(ip);
    if (refusal) {
      this.#refuse(socket, refusal, isImplicitTls);
      return;
    }
    const session = new FtpSession(socket, this.#host);
    this.#sessions.add(session);
    this.#perIp.set(ip, (this.#perIp.get(ip) ?? 0) + 1);
    const loginTimeoutMs = this.#enterPreLogin(session);
    try {
      // A hook that never answers must not pin the socket: it shares the login deadline.
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new FtpError(421, 'Service not available.')), loginTimeoutMs);
      });
      try {
        await Promise.race([Promise.resolve().then(() => options.hooks.onConnect?.(session.info)), deadline]);
      } finally {
        clearTimeout(timer);
      }
    } catch (error) {
      // close() flushes the 421 before the socket goes; on an implicit-TLS port nothing is said.
      if (isImplicitTls) session.destroy();
      else session.close(error instanceof FtpError ? error.message : 'Service not available.');
      return;
    }
    if (session.isClosed) return;
    // TLS may have been turned off while onConnect ran: there is no certificate to shake hands with.
    if (isImplicitTls && !this.#tls) {
      session.destroy();
      return;
    }
    this.#announced.add(session);
    this.#safeEmit('session:open', [session.info]);
    session.log('info', { remoteAddress: session.remoteAddress, implicitTls: isImplicitTls }, 'session open');
    session.start(isImplicitTls);
  }

  /**
   * Applies the connection caps to a newcomer from ip: null when it may come in (possibly after an
   * idle pre-login session gave way), else the 421 text. Logged-in sessions never give way; a
   * pre-login one does when the server (or its pre-login share) is full and its address holds more
   * pre-login sessions than the newcomer's, so idle connections cannot keep people who log in out.
   */
  #makeRoom(ip: string): string | null {
    const options = this.#options;
    const limits = preLoginLimits(options);
    const ownPreLogin = this.#preLogin.get(ip)?.size ?? 0;
    if ((this.#perIp.get(ip) ?? 0) >= options.maxSessionsPerIp) return 'Too many connections from your address.';
    if (ownPreLogin >= limits.perIp) return 'Too many unauthenticated connections from your address.';
    if (this.#sessions.size < options.maxSessions && this.#preLoginCount < limits.total) return null;
    const victim = this.#pickPreLoginVictim(ownPreLogin);
    if (!victim) return 'Too many connections, try again later.';
    victim.log('info', { remoteAddress: victim.remoteAddress }, 'pre-login session closed to make room');
    victim.close('Too many unauthenticated connections, closing this one.');
    return null;
  }

  /**
   * The oldest pre-login session of the address holding the most of them, if that address holds
   * more than the newcomer's (so two addresses cannot take turns evicting each other forever) and
   * the session had PRE_LOGIN_GRACE_MS to log in (so a flood cannot evict a client mid-login).
   */
  #pickPreLoginVictim(newcomerPreLogin: number): FtpSession | null {
    const bornBefore = Date.now() - PRE_LOGIN_GRACE_MS;
    let best: FtpSession | null = null;
    let bestCount = newcomerPreLogin;
    for (const sessions of this.#preLogin.values()) {
      const oldest = sessions.values().next().value;
      if (!oldest || oldest.connectedAt.getTime() > bornBefore || sessions.size < bestCount) continue;
      if (sessions.size > bestCount || (best && oldest.connectedAt < best.connectedAt)) {
        best = oldest;
        bestCount = sessions.size;
      }
    }
    return best;
  }

  /** Counts a new session as pre-login; returns its login deadline (shorter when busy). */
  #enterPreLogin(session: FtpSession): number {
    const ip = session.remoteAddress;
    let sessions = this.#preLogin.get(ip);
    if (!sessions) this.#preLogin.set(ip, (sessions = new Set()));
    sessions.add(session);
    this.#preLoginCount++;
    const options = this.#options;
    const busyMs = Math.min(options.busyLoginTimeoutMs, options.loginTimeoutMs);
    if (this.#preLoginCount < preLoginLimits(options).total * BUSY_SHARE) return options.loginTimeoutMs;
    if (!this.#isBusy) {
      this.#isBusy = true;
      options.logger.warn({ preLogin: this.#preLoginCount, loginTimeoutMs: busyMs }, 'many connections without login: login deadline shortened');
      for (const waiting of this.#preLogin.values()) for (const other of waiting) other.limitLoginDeadline(busyMs);
    }
    session.limitLoginDeadline(busyMs);
    return busyMs;
  }

  #leavePreLogin(session: FtpSession): void {
    const ip = session.remoteAddress;
    const sessions = this.#preLogin.get(ip);
    if (!sessions?.delete(session)) return;
    if (sessions.size === 0) this.#preLogin.delete(ip);
    this.#preLoginCount--;
    if (this.#preLoginCount < preLoginLimits(this.#options).total * BUSY_SHARE) this.#isBusy = false;
  }

  #refuse(socket: net.Socket, message: string, isImplicitTls: boolean): void {
    // On an implicit-TLS port a clear-text 421 would only confuse the client's handshake.
    if (isImplicitTls) socket.destroy();
    else socket.end(`421 ${message}\r\n`);
  }

  #onSessionClosed(session: FtpSession): void {
    if (!this.#sessions.delete(session)) return;
    this.#leavePreLogin(session);
    const ip = session.remoteAddress;
    const count = (this.#perIp.get(ip) ?? 1) - 1;
    if (count <= 0) this.#perIp.delete(ip);
    else this.#perIp.set(ip, count);
    session.log('info', {}, 'session close');
    if (this.#announced.has(session)) this.#safeEmit('session:close', [session.info]);
  }

  /** A throwing host listener is logged, never allowed to tear down the session that emitted. */
  #safeEmit(event: keyof FtpServerEvents, args: unknown[]): boolean {
    try {
      return (this.emit as (event: string, ...rest: unknown[]) => boolean)(event, ...args);
    } catch (error) {
      this.#options.logger.error({ event, err: (error as Error)?.message }, 'event listener threw');
      return true;
    }
  }

  async #limitLogin<T>(task: () => Promise<T>): Promise<T> {
    if (this.#runningLogins >= this.#options.maxConcurrentLogins) {
      await new Promise<void>((resolve) => this.#loginQueue.push(resolve));
    } else {
      this.#runningLogins++;
    }
    try {
      return await task();
    } finally {
      // The slot passes straight to the next waiter, so the count only drops when nobody waits.
      const next = this.#loginQueue.shift();
      if (next) next();
      else this.#runningLogins--;
    }
  }

  #createSessionSecureContext(): tls.SecureContext {
    const credentials = this.#tls;
    if (!credentials) throw new FtpError(534, 'TLS is not available on this server.');
    // Own ticket keys and session id context per control session: a TLS session can be resumed by
    // this session's data connections and by nobody else's.
    return tls.createSecureContext({
      cert: credentials.cert,
      key: credentials.key,
      minVersion: TLS_MIN_VERSION,
      ciphers: TLS12_CIPHERS,
      sessionIdContext: randomBytes(16).toString('hex'),
      ticketKeys: randomBytes(48),
    });
  }
}

function withTimeout(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.then(() => undefined),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
