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
  loginTimeoutMs: number;
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
  tlsPolicy: { isLoginTlsRequired: false, isProtPRequired: false, requireTlsSessionReuse: true },
  passive: { portMin: 0, portMax: 0, advertisedHost: null, overrides: [] },
  isActiveModeAllowed: true,
  banner: 'FTP server ready.',
  maxSessions: 1000,
  maxSessionsPerIp: 50,
  loginTimeoutMs: 60_000,
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
  return next;
}
