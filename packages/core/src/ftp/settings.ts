// ServerSettings (database) -> live engine options. 0 means "unlimited" in the settings, while the
// engine compares counts directly, so unlimited becomes a very large number here.
import type { ServerSettings } from '@ftp-panel/db';
import type { FtpServerLiveOptions, TlsCredentials } from '@ftp-panel/ftp-server';

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
