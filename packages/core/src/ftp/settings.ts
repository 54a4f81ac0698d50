// ServerSettings (database) -> live engine options. 0 means "unlimited" in the settings, while the
// engine compares counts directly, so unlimited becomes a very large number here.
import { getServerSettings } from '@ftp-panel/db';
import type { PrismaDb, ServerSettings, ServerSettingsInput } from '@ftp-panel/db';
import type { FtpLogger, FtpServerLiveOptions, TlsCredentials } from '@ftp-panel/ftp-server';
import { DEFAULT_SETTINGS, usableSettings } from '../settings/validation.ts';

const UNLIMITED = Number.MAX_SAFE_INTEGER;

function limit(value: number): number {
  return value > 0 ? value : UNLIMITED;
}

function seconds(value: number, fallbackSec: number): number {
  return (value > 0 ? value : fallbackSec) * 1000;
}

export function engineOptionsFromSettings(settings: ServerSettings, fallbackHost: string | null): Partial<FtpServerLiveOptions> {
  return {
    passive: {
      portMin: settings.pasvPortMin,
      portMax: settings.pasvPortMax,
      advertisedHost: settings.pasvAdvertisedHost ?? fallbackHost,
      overrides: settings.pasvOverrides,
    },
    isActiveModeAllowed: settings.isActiveModeAllowed,
    tlsPolicy: {
      isLoginTlsRequired: settings.tlsMode === 'REQUIRED',
      isProtPRequired: settings.tlsMode !== 'DISABLED' && settings.isProtPRequired,
      requireTlsSessionReuse: settings.isTlsSessionReuseRequired,
      isCloseNotifyRequired: settings.isTlsCloseNotifyRequired,
    },
    banner: settings.banner,
    maxSessions: limit(settings.maxSessions),
    maxSessionsPerIp: limit(settings.maxSessionsPerIp),
    idleTimeoutMs: seconds(settings.idleTimeoutSec, 900),
    loginTimeoutMs: seconds(settings.loginTimeoutSec, 60),
    dataTimeoutMs: seconds(settings.dataTimeoutSec, 60),
    maxLoginFailures: limit(settings.maxLoginFailures),
  };
}

/** The certificate stored in the settings, when both halves are there. */
export function settingsCertificate(settings: ServerSettings): TlsCredentials | null {
  return settings.tlsCertPem && settings.tlsKeyPem ? { cert: settings.tlsCertPem, key: settings.tlsKeyPem } : null;
}

/**
 * The stored settings as the service may apply them: a value the rules refuse (a row written
 * before a rule existed, or by hand) is logged and replaced by the last good one (the defaults at
 * start); invalid passive overrides are left out, the valid ones kept.
 */
export async function readUsableSettings(
  db: PrismaDb,
  input: { logger: FtpLogger; seed?: ServerSettingsInput; lastGood?: ServerSettings },
): Promise<ServerSettings> {
  const stored = await getServerSettings(db, input.seed ?? {});
  const { settings, issues } = usableSettings(stored, input.lastGood ?? DEFAULT_SETTINGS);
  for (const issue of issues) input.logger.error({ field: issue.field, err: issue.message }, 'stored setting refused; the last good value stays in force');
  return settings;
}
