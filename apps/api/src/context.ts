// What the API needs from the process around it; built by server.ts (or by tests).
import type { AppConfig, EventBus, LiveSession, PasswordHasher } from '@ftp-panel/core';
import type { Db } from '@ftp-panel/db';

/** The running FTP service as the API sees it (absent when FTP runs in another process). */
export type FtpHandle = {
  sessions(): LiveSession[];
  kick(sessionId: string): boolean;
  kickAccount(username: string): number;
  /** What FTPS really serves (core FtpService.servedTls); absent on fakes. */
  servedTls?(): { certPem: string | null; applyError: string | null };
};

/** Knobs that tests and benchmarks turn; production uses the defaults (tuning.ts). */
export type ApiTuning = {
  /** sign-in and reset attempts per minute, per IP and per username */
  signInPerMinute: number;
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
  sseHeartbeatMs: number;
  webhookRetryDelaysMs: number[];
  webhookTimeoutMs: number;
  webhookPollMs: number;
  /** where the kernel's ephemeral port range is read from */
  ephemeralRangeFile: string;
};

export type AppContext = {
  config: AppConfig;
  db: Db;
  hasher: PasswordHasher;
  /** the event bus shared with the FTP service; buildApp makes a private one when absent */
  bus?: EventBus;
  ftp?: FtpHandle;
  tuning?: Partial<ApiTuning>;
};
