// Defaults and validation of FtpServerOptions; sessions read the resolved object live, so
// updateOptions() changes passive settings, limits and policy for everyone from the next command.
import type { FtpHooks, FtpLogger, FtpServerLiveOptions, PassiveOptions, TlsPolicy } from './types.ts';

export type ResolvedOptions = {
  hooks: FtpHooks;
  tlsPolicy: TlsPolicy;
  passive: Required<PassiveOptions>;
  isActiveModeAllowed: boolean;
  banner: string;
  maxSessions: number;
  maxSessionsPerIp: number;
  /** null = half of maxSessions (rounded up). */
  maxPreLoginSessions: number | null;
  /** null = half of maxSessionsPerIp (rounded up). */
  maxPreLoginSessionsPerIp: number | null;
  loginTimeoutMs: number;
  busyLoginTimeoutMs: number;
  idleTimeoutMs: number;
  dataTimeoutMs: number;
  maxLoginFailures: number;
  maxConcurrentLogins: number;
  failedLoginDelayMs: number;
  maxLineLength: number;
  maxListEntries: number;
  maxUnknownCommands: number;
  keepPartialUploads: boolean;
  logger: FtpLogger;
};

const noop = (): void => {};
export const SILENT_LOGGER: FtpLogger = { info: noop, warn: noop, error: noop, debug: noop };

export const DEFAULTS: Omit<ResolvedOptions, 'hooks'> = {
  tlsPolicy: { isLoginTlsRequired: false, isProtPRequired: false, requireTlsSessionReuse: true, isCloseNotifyRequired: true },
  passive: { portMin: 0, portMax: 0, advertisedHost: null, overrides: [] },
  isActiveModeAllowed: true,
  banner: 'FTP server ready.',
  maxSessions: 1000,
  maxSessionsPerIp: 50,
  maxPreLoginSessions: null,
  maxPreLoginSessionsPerIp: null,
  loginTimeoutMs: 60_000,
  busyLoginTimeoutMs: 10_000,
  idleTimeoutMs: 300_000,
  dataTimeoutMs: 30_000,
  maxLoginFailures: 3,
  maxConcurrentLogins: 8,
  failedLoginDelayMs: 1000,
  maxLineLength: 4096,
  maxListEntries: 100_000,
  maxUnknownCommands: 20,
  keepPartialUploads: false,
  logger: SILENT_LOGGER,
};

/** Merges a partial update onto current options, validating the values that could break sessions. */
export function mergeOptions<T extends Omit<ResolvedOptions, 'hooks'>>(current: T, update: Partial<FtpServerLiveOptions>): T {
  const next: T = { ...current };
  for (const [key, value] of Object.entries(update) as [keyof FtpServerLiveOptions, unknown][]) {
    if (value === undefined) continue;
    if (key === 'tlsPolicy') next.tlsPolicy = { ...current.tlsPolicy, ...(value as Partial<TlsPolicy>) };
    else if (key === 'passive') next.passive = { ...current.passive, ...(value as Partial<PassiveOptions>) } as Required<PassiveOptions>;
    else (next as Record<string, unknown>)[key] = value;
  }
  const { portMin, portMax } = next.passive;
  if (!Number.isInteger(portMin) || !Number.isInteger(portMax) || portMin < 0 || portMax > 65535 || portMin > portMax) {
    throw new RangeError(`passive port range ${portMin}-${portMax} is invalid`);
  }
  if ((portMin === 0) !== (portMax === 0)) throw new RangeError('passive portMin and portMax must both be 0 or both be set');
  if (next.maxLineLength < 64) throw new RangeError('maxLineLength must be at least 64');
  if (!(next.maxConcurrentLogins >= 1)) throw new RangeError('maxConcurrentLogins must be at least 1');
  if (next.maxPreLoginSessions !== null && !(next.maxPreLoginSessions >= 1)) throw new RangeError('maxPreLoginSessions must be at least 1');
  if (next.maxPreLoginSessionsPerIp !== null && !(next.maxPreLoginSessionsPerIp >= 1)) throw new RangeError('maxPreLoginSessionsPerIp must be at least 1');
  return next;
}

/**
 * Caps on sessions that have not logged in yet. Unless set, they are half of the overall caps, so
 * idle connections that never log in can hold at most half of the server and half of an address's
 * share, and the rest stays free for people who do log in.
 */
export function preLoginLimits(options: Omit<ResolvedOptions, 'hooks'>): { total: number; perIp: number } {
  return {
    total: options.maxPreLoginSessions ?? Math.max(1, Math.ceil(options.maxSessions / 2)),
    perIp: options.maxPreLoginSessionsPerIp ?? Math.max(1, Math.ceil(options.maxSessionsPerIp / 2)),
  };
}
