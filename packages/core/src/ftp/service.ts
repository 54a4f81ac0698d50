// The product's FTP service: the engine wired to the database. Accounts and settings come from
// the database and change live (change feed), every limit is enforced, everything that happens
// goes through the event bus, and a local control socket lets the CLI list and kick sessions.
import { findAccountByUsername } from '@ftp-panel/db';
import type { Db, ServerSettings } from '@ftp-panel/db';
import { FtpServer, sweepTempUploads } from '@ftp-panel/ftp-server';
import type { FtpLogger, FtpServerLiveOptions, ListenAddress, TempSweepResult } from '@ftp-panel/ftp-server';
import type { AppConfig } from '../config.ts';
import type { EventBus, LiveSession, PanelEvent } from '../events/types.ts';
import type { PasswordHasher } from '../passwords.ts';
import type { ChangeFeed } from '../events/change-feed.ts';
import { startEventRuntime } from '../events/runtime.ts';
import type { EventRuntime } from '../events/runtime.ts';
import { AccountRegistry } from './account-registry.ts';
import { createAuthenticator } from './authenticator.ts';
import { BanGuard } from './ban-guard.ts';
import { ensureSelfSignedCertificate } from './certificate.ts';
import { startControlServer } from './control.ts';
import { CredentialCache } from './credential-cache.ts';
import { attachLiveEvents, toLiveSession } from './live-events.ts';
import { createOperatorLogs } from './op-logs.ts';
import type { OperatorLogs } from './op-logs.ts';
import { createDiskGuard } from './quota.ts';
import { UsageJournal } from './usage-journal.ts';
import { engineOptionsFromSettings, readUsableSettings, settingsCertificate } from './settings.ts';
import { FtpError } from '@ftp-panel/ftp-server';

export type FtpServiceInput = {
  config: AppConfig;
  db: Db;
  hasher: PasswordHasher;
  bus: EventBus & { publishRemote(event: PanelEvent): void };
  logger: FtpLogger;
  /** The process's change feed; without it the service starts (and owns) its own event runtime. */
  changes?: ChangeFeed;
  /** Engine options that are not settings (tests shorten failedLoginDelayMs, for instance). */
  engineOptions?: Partial<FtpServerLiveOptions>;
  /** Serve the control socket under config.dataDir (default true). */
  isControlSocketEnabled?: boolean;
  /** Upload temp file sweeping; tests shorten it (defaults: TEMP_SWEEP_INTERVAL_MS, tempStaleAfterMs()). */
  tempSweep?: { intervalMs?: number; staleAfterMs?: number };
};

export type FtpService = {
  server: FtpServer;
  /** Where the listeners are bound (port 0 in the config picks a free one). */
  addresses: { ftp: ListenAddress; ftps: ListenAddress | null };
  /** Everyone connected to this process now. */
  sessions(): LiveSession[];
  /** Sends 421 and closes the session; false when unknown here. */
  kick(sessionId: string): boolean;
  /** Closes every session of the account on this process; returns how many. */
  kickAccount(username: string): number;
  /** Re-reads ServerSettings and applies them (the change feed calls this on 'settings'). */
  reloadSettings(): Promise<ServerSettings>;
  /** The event runtime when the service owns it (no `changes` given), for tests and flushing. */
  runtime: EventRuntime | null;
  logs: OperatorLogs;
  /** Removes abandoned upload temp files under config.homesDir now (joins a sweep already running). */
  sweepTempUploads(): Promise<TempSweepResult>;
  /** What new FTPS sessions really get (read from the engine; null: TLS off), and why the stored certificate was not applied (null: it was). */
  servedTls(): { certPem: string | null; applyError: string | null };
  close(): Promise<void>;
};

const SWEEP_MS = 60_000;
const TEMP_SWEEP_INTERVAL_MS = 10 * 60_000;
// Other FTP nodes may share HOMES_DIR (NFS): their live uploads write at least once per data
// timeout (or are aborted by it), and 2 minutes outlast NFS attribute caching (acregmax 60 s).
const TEMP_STALE_FLOOR_MS = 2 * 60_000;
const KICK_MESSAGE = 'Disconnected by administrator.';

export async function startFtpService(input: FtpServiceInput): Promise<FtpService> {
  const { config, db, hasher, bus, logger } = input;
  let settings = await readUsableSettings(db.prisma, {
    logger,
    seed: { pasvPortMin: config.pasvRange.min, pasvPortMax: config.pasvRange.max, pasvAdvertisedHost: config.ftpPublicHost },
  });
  const runtime = input.changes ? null : await startEventRuntime({ db, bus, logger });
  const changes = input.changes ?? (runtime as EventRuntime).changes;

  const selfSigned = await ensureSelfSignedCertificate(config.dataDir);
  if (selfSigned.isNew) logger.info({ dir: config.dataDir }, 'generated a self-signed TLS certificate');
  const tls = settingsCertificate(settings) ?? selfSigned;

  const cache = new CredentialCache(config.credentialCacheTtlSec);
  const bans = new BanGuard({ db, bus, policy: banPolicy(settings) });
  await bans.reload();
  // Usage changes the database missed (outage) are retried; ones a crash left behind are recounted now.
  const journal = new UsageJournal({ db: db.prisma, dataDir: config.dataDir, homesDir: config.homesDir, logger });
  await journal.recover();
  const accounts = new AccountRegistry({
    db: db.prisma,
    journal,
    disk: createDiskGuard(config.homesDir, () => settings.minFreeDiskMb),
    onWarning: (account, warning) => bus.publish({ type: 'quota.warning', accountId: account.id, username: account.username, ...warning }),
  });
  const logs = createOperatorLogs({ xferlogFile: config.xferlogFile, authLogFile: config.authLogFile, logger });
  const authenticate = createAuthenticator({
    db,
    hasher,
    cache,
    bans,
    accounts,
    homesDir: config.homesDir,
    onAuthFailure: (failure) => logs.authFailure(failure),
    logger,
  });

  const server = new FtpServer({
    hooks: {
      authenticate,
      onConnect(session) {
        if (bans.find(session.remoteAddress)) throw new FtpError(421, 'Your address is blocked.');
      },
    },
    ...(settings.tlsMode === 'DISABLED' ? {} : { tls }),
    ...engineOptionsFromSettings(settings, config.ftpPublicHost),
    logger,
    ...input.engineOptions,
  });
  attachLiveEvents({ server, bus, accounts, logs });

  const sessions = (): LiveSession[] => [...server.sessions].map(toLiveSession);
  const kick = (sessionId: string): boolean => server.kick(sessionId, KICK_MESSAGE);
  const kickAccount = (username: string): number => {
    let count = 0;
    for (const session of server.sessions) {
      if (session.accountId && session.username === username && server.kick(session.id, KICK_MESSAGE)) count++;
    }
    return count;
  };

  // A crash mid-upload leaves hidden temp files behind. The first sweep starts now, in the
  // background (a big tree on NFS must not delay FTP; uploads of this process are registered and
  // never touched); a second one when files a crash just left have aged enough; then periodically.
  const sweepAbort = new AbortController();
  const staleAfterMs = (): number =>
    input.tempSweep?.staleAfterMs ??
    Math.max(2 * (input.engineOptions?.dataTimeoutMs ?? engineOptionsFromSettings(settings, config.ftpPublicHost).dataTimeoutMs ?? 60_000), TEMP_STALE_FLOOR_MS);
  let tempSweep: Promise<TempSweepResult> | null = null;
  const sweepTemp = (): Promise<TempSweepResult> => {
    tempSweep ??= sweepTempUploads(config.homesDir, { olderThanMs: staleAfterMs(), signal: sweepAbort.signal })
      .then((result) => {
        if (result.removed > 0) logger.info({ files: result.removed, bytes: result.removedBytes }, 'removed abandoned upload temp files');
        if (result.isTruncated && !sweepAbort.signal.aborted) logger.warn({ entries: result.entries }, 'upload temp file sweep stopped early (too many entries)');
        return result;
      })
      .finally(() => {
        tempSweep = null;
      });
    return tempSweep;
  };
  const logSweepError = (error: unknown): void => logger.error({ err: (error as Error).message }, 'upload temp file sweep failed');
  void sweepTemp().catch(logSweepError);
  const tempSweepFollowUp = setTimeout(() => void sweepTemp().catch(logSweepError), staleAfterMs() + 1000);
  tempSweepFollowUp.unref();
  const tempSweeper = setInterval(() => void sweepTemp().catch(logSweepError), input.tempSweep?.intervalMs ?? TEMP_SWEEP_INTERVAL_MS);
  tempSweeper.unref();

  const ftp = await server.listen({ port: config.ftpPort, host: config.ftpHost });
  let ftps = null as ListenAddress | null;
  const startImplicitTls = async (): Promise<void> => {
    if (config.ftpsPort === null || ftps || settings.tlsMode === 'DISABLED') return;
    ftps = await server.listenImplicitTls({ port: config.ftpsPort, host: config.ftpHost });
  };
  await startImplicitTls();
  let hasTls = settings.tlsMode !== 'DISABLED';
  let tlsApplyError: string | null = null;

  const reloadSettings = async (): Promise<ServerSettings> => {
    settings = await readUsableSettings(db.prisma, { logger, lastGood: settings });
    // Each part applies on its own: a value the engine refuses must not keep the rest from applying.
    try {
      server.updateOptions({ ...engineOptionsFromSettings(settings, config.ftpPublicHost), ...input.engineOptions });
    } catch (error) {
      logger.error({ err: (error as Error).message }, 'engine options refused; the others still apply');
    }
    bans.setPolicy(banPolicy(settings));
    if (settings.tlsMode !== 'DISABLED') {
      // A bad stored certificate must not take FTPS down: keep the self-signed one and say so.
      const stored = settingsCertificate(settings);
      try {
        server.setTlsCredentials(stored ?? selfSigned);
        tlsApplyError = null;
      } catch (error) {
        tlsApplyError = `The stored certificate could not be applied (${(error as Error).message}); FTPS serves the self-signed one.`;
        logger.error({ err: (error as Error).message }, 'stored TLS certificate rejected; using the self-signed one');
        server.setTlsCredentials(selfSigned);
      }
      hasTls = true;
      await startImplicitTls().catch((error: unknown) => logger.error({ err: (error as Error).message }, 'implicit TLS listener failed'));
    } else if (hasTls) {
      // New sessions lose AUTH TLS and the implicit port at once; encrypted ones finish as they are.
      server.setTlsCredentials(null);
      hasTls = false;
      logger.info({}, 'TLS disabled: AUTH TLS and implicit TLS refused for new connections');
    }
    return settings;
  };

  const onAccountChange = async (username: string): Promise<void> => {
    cache.forget(username);
    const state = accounts.findByUsername(username);
    if (!state) return;
    const account = await findAccountByUsername(db.prisma, username);
    const isGone = !account || account.id !== state.account.id;
    const isLocked = account && (account.status !== 'ACTIVE' || (account.expiresAt !== null && account.expiresAt.getTime() <= Date.now()));
    if (isGone || isLocked) {
      kickAccount(username);
      return;
    }
    accounts.update(account);
  };

  const unsubscribe = changes.subscribe(async (change) => {
    if (change.topic === 'account' && change.key) await onAccountChange(change.key);
    else if (change.topic === 'settings') await reloadSettings();
    else if (change.topic === 'ban') await bans.reload();
    else if (change.topic === 'session.kick') {
      const payload = change.payload ? (JSON.parse(change.payload) as { sessionId?: string; username?: string }) : {};
      if (payload.sessionId) kick(payload.sessionId);
      if (payload.username) kickAccount(payload.username);
    }
  });

  const sweeper = setInterval(() => {
    cache.sweep();
    bans.sweep();
  }, SWEEP_MS);
  sweeper.unref();

  // Without the control socket the CLI cannot list or kick here; FTP itself must still run.
  const control =
    input.isControlSocketEnabled === false
      ? null
      : await startControlServer(config.dataDir, { sessions, kick, kickAccount }).catch((error: unknown) => {
          logger.error({ err: (error as Error).message }, 'control socket unavailable (ftpadmin session list/kick will not reach this service)');
          return null;
        });

  logger.info({ ftp: ftp.port, ftps: ftps?.port ?? null }, 'FTP service listening');
  return {
    server,
    addresses: {
      ftp,
      get ftps() {
        return ftps;
      },
    },
    sessions,
    kick,
    kickAccount,
    reloadSettings,
    runtime,
    logs,
    sweepTempUploads: sweepTemp,
    servedTls() {
      const cert = server.tlsCredentials?.cert;
      return { certPem: cert === undefined ? null : cert.toString(), applyError: tlsApplyError };
    },
    async close() {
      clearInterval(sweeper);
      clearTimeout(tempSweepFollowUp);
      clearInterval(tempSweeper);
      sweepAbort.abort();
      await tempSweep?.catch(() => {});
      unsubscribe();
      await control?.close();
      await server.close({ deadlineMs: 5000 });
      await journal.close();
      await logs.drain();
      await runtime?.close();
    },
  };
}

function banPolicy(settings: ServerSettings): { failures: number; windowSec: number; durationSec: number } {
  return { failures: settings.banFailures, windowSec: settings.banWindowSec, durationSec: settings.banDurationSec };
}
