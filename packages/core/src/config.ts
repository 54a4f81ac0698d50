// Configuration from environment variables, validated once at boot. A bad value stops the process
// with a message naming the variable. Every variable is documented in .env.example and the README.
import path from 'node:path';

export type AppConfig = {
  dataDir: string;
  /** undefined = SQLite file under dataDir */
  databaseUrl: string | undefined;
  homesDir: string;
  host: string;
  port: number;
  /** Base URL people use to reach the panel (links in emails and the setup link). */
  publicUrl: string;
  isFtpEnabled: boolean;
  ftpHost: string;
  ftpPort: number;
  /** Implicit-TLS port; null = off */
  ftpsPort: number | null;
  pasvRange: { min: number; max: number };
  ftpPublicHost: string | null;
  adminUsername: string | null;
  adminPassword: string | null;
  smtpUrl: string | null;
  smtpFrom: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  credentialCacheTtlSec: number;
  xferlogFile: string | null;
  authLogFile: string | null;
  trustProxy: boolean;
};

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function str(env: Env, name: string): string | undefined {
  const v = env[name]?.trim();
  return v ? v : undefined;
}

function port(env: Env, name: string, fallback: number | null): number | null {
  const v = str(env, name);
  if (v === undefined) return fallback;
  if (!/^\d+$/.test(v) || Number(v) > 65535) throw new ConfigError(name, `must be a TCP port number 0-65535, got "${v}"`);
  return Number(v);
}

function int(env: Env, name: string, fallback: number, min: number): number {
  const v = str(env, name);
  if (v === undefined) return fallback;
  if (!/^\d+$/.test(v) || Number(v) < min) throw new ConfigError(name, `must be a whole number >= ${min}, got "${v}"`);
  return Number(v);
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const v = str(env, name)?.toLowerCase();
  if (v === undefined) return fallback;
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off'].includes(v)) return false;
  throw new ConfigError(name, `must be true or false, got "${v}"`);
}

export function parsePortRange(text: string, variable = 'FTP_PASV_RANGE'): { min: number; max: number } {
  const m = /^(\d{1,5})\s*-\s*(\d{1,5})$/.exec(text.trim());
  if (!m) throw new ConfigError(variable, `must look like 50000-50100, got "${text}"`);
  const min = Number(m[1]);
  const max = Number(m[2]);
  if (min < 1024 || max > 65535) throw new ConfigError(variable, 'ports must be within 1024-65535');
  if (min > max) throw new ConfigError(variable, 'the first port must not be above the second');
  if (max - min < 1) throw new ConfigError(variable, 'the range needs at least 2 ports');
  return { min, max };
}

function optionalPath(cwd: string, value: string | undefined): string | null {
  return value ? path.resolve(cwd, value) : null;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export function loadConfig(env: Env = process.env, cwd = process.cwd()): AppConfig {
  const dataDir = path.resolve(cwd, str(env, 'DATA_DIR') ?? 'data');
  const databaseUrl = str(env, 'DATABASE_URL');
  if (databaseUrl && !/^(postgres(ql)?:\/\/|file:)/.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL', 'must start with postgresql:// (or file: for an SQLite file)');
  }
  const httpPort = port(env, 'PORT', 3000) as number;
  const publicUrl = str(env, 'PUBLIC_URL') ?? `http://localhost:${httpPort}`;
  try {
    const u = new URL(publicUrl);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('scheme');
  } catch {
    throw new ConfigError('PUBLIC_URL', `must be an http(s) URL, got "${publicUrl}"`);
  }
  const smtpUrl = str(env, 'SMTP_URL') ?? null;
  if (smtpUrl && !/^smtps?:\/\//.test(smtpUrl)) throw new ConfigError('SMTP_URL', 'must start with smtp:// or smtps://');
  const logLevel = (str(env, 'LOG_LEVEL') ?? 'info') as AppConfig['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}`);
  const adminUsername = str(env, 'ADMIN_USERNAME') ?? null;
  const adminPassword = env.ADMIN_PASSWORD ? env.ADMIN_PASSWORD : null;
  if (adminPassword !== null && adminPassword.length < 10) {
    throw new ConfigError('ADMIN_PASSWORD', 'must be at least 10 characters');
  }
  const ftpsPort = port(env, 'FTPS_PORT', null);
  return {
    dataDir,
    databaseUrl,
    homesDir: path.resolve(cwd, str(env, 'HOMES_DIR') ?? path.join(dataDir, 'homes')),
    host: str(env, 'HOST') ?? '0.0.0.0',
    port: httpPort,
    publicUrl: publicUrl.replace(/\/+$/, ''),
    isFtpEnabled: bool(env, 'FTP_ENABLED', true),
    ftpHost: str(env, 'FTP_HOST') ?? '0.0.0.0',
    ftpPort: port(env, 'FTP_PORT', 2121) as number,
    ftpsPort: ftpsPort === 0 && !str(env, 'FTPS_PORT') ? null : ftpsPort,
    pasvRange: parsePortRange(str(env, 'FTP_PASV_RANGE') ?? '50000-50100'),
    ftpPublicHost: str(env, 'FTP_PUBLIC_HOST') ?? null,
    adminUsername,
    adminPassword,
    smtpUrl,
    smtpFrom: str(env, 'SMTP_FROM') ?? 'FTP panel <no-reply@localhost>',
    logLevel,
    credentialCacheTtlSec: int(env, 'CREDENTIAL_CACHE_TTL_SEC', 60, 0),
    xferlogFile: optionalPath(cwd, str(env, 'XFERLOG_FILE')),
    authLogFile: optionalPath(cwd, str(env, 'AUTH_LOG_FILE')),
    trustProxy: bool(env, 'TRUST_PROXY', false),
  };
}
