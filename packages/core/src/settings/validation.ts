// The rules of the server settings, in one place: a change is checked field by field (every
// problem reported at once, each with its path, e.g. "pasvOverrides.1.cidr", dotted as in request validation), and what the FTP
// service reads at start and on reload goes through the same rules, so it never meets a value the
// engine would refuse (a row written before a rule existed keeps the last good value instead).
import type { PassiveOverride, ServerSettings, ServerSettingsInput } from '@ftp-panel/db';
import { normalizeCidr } from '../cidr.ts';
import type { FieldIssue } from '../errors.ts';

/** Whole-number settings and their bounds (the API's schema is built from these too). */
export const SETTINGS_INTEGER_LIMITS = {
  pasvPortMin: { min: 0, max: 65_535 },
  pasvPortMax: { min: 0, max: 65_535 },
  maxSessions: { min: 0, max: 1_000_000 },
  maxSessionsPerIp: { min: 0, max: 1_000_000 },
  idleTimeoutSec: { min: 0, max: 86_400 },
  loginTimeoutSec: { min: 0, max: 3_600 },
  dataTimeoutSec: { min: 0, max: 3_600 },
  maxLoginFailures: { min: 0, max: 1_000 },
  banFailures: { min: 0, max: 100_000 },
  banWindowSec: { min: 1, max: 30 * 86_400 },
  banDurationSec: { min: 0, max: 365 * 86_400 },
  minFreeDiskMb: { min: 0, max: 2_147_483_647 },
  retentionDays: { min: 1, max: 3_650 },
} as const;

export const SETTINGS_BOOLEANS = ['isActiveModeAllowed', 'isProtPRequired', 'isTlsSessionReuseRequired', 'isTlsCloseNotifyRequired', 'isWebhookPrivateTargetAllowed'] as const;
export const TLS_MODES = ['DISABLED', 'OPTIONAL', 'REQUIRED'] as const;
export const MAX_BANNER_LENGTH = 500;
export const MAX_HOST_LENGTH = 253;
export const MAX_PASV_OVERRIDES = 50;
/** Passive ports below this are privileged or well known; a change must stay above. */
export const PASV_PORT_LOW = 1024;

/** The values a fresh install starts with (the schema's defaults); the service falls back to them. */
export const DEFAULT_SETTINGS = {
  pasvPortMin: 50_000,
  pasvPortMax: 50_100,
  pasvAdvertisedHost: null,
  pasvOverrides: [],
  isActiveModeAllowed: true,
  tlsMode: 'OPTIONAL',
  isProtPRequired: false,
  isTlsSessionReuseRequired: true,
  isTlsCloseNotifyRequired: true,
  /** webhooks to loopback/private/link-local/unique-local addresses are refused unless this is on */
  isWebhookPrivateTargetAllowed: false,
  banner: 'FTP server ready.',
  maxSessions: 500,
  maxSessionsPerIp: 20,
  idleTimeoutSec: 900,
  loginTimeoutSec: 60,
  dataTimeoutSec: 60,
  maxLoginFailures: 3,
  banFailures: 10,
  banWindowSec: 600,
  banDurationSec: 3_600,
  minFreeDiskMb: 0,
  retentionDays: 90,
} as const satisfies ServerSettingsInput;

type Checked = { value?: unknown; issue?: string };
type Rule = (value: unknown, path: string, issues: FieldIssue[]) => Checked;

const HOST_PATTERN = /^[A-Za-z0-9.:-]+$/;

function hostIssue(value: unknown): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_HOST_LENGTH) return `Give an IP address or a host name (at most ${MAX_HOST_LENGTH} characters).`;
  return HOST_PATTERN.test(value) ? null : 'Give an IP address or a host name.';
}

function integerRule(name: keyof typeof SETTINGS_INTEGER_LIMITS): Rule {
  const { min, max } = SETTINGS_INTEGER_LIMITS[name];
  return (value) => (Number.isInteger(value) && (value as number) >= min && (value as number) <= max ? { value } : { issue: `Give a whole number from ${min} to ${max}.` });
}

const booleanRule: Rule = (value) => (typeof value === 'boolean' ? { value } : { issue: 'Give true or false.' });

/** Each override on its own: the valid ones are kept (normalised), each bad field is named. */
function checkOverrides(value: unknown, path: string, issues: FieldIssue[]): PassiveOverride[] | null {
  if (!Array.isArray(value)) {
    issues.push({ field: path, message: 'Give a list of {cidr, host} entries.' });
    return null;
  }
  if (value.length > MAX_PASV_OVERRIDES) issues.push({ field: path, message: `At most ${MAX_PASV_OVERRIDES} entries.` });
  const kept: PassiveOverride[] = [];
  value.slice(0, MAX_PASV_OVERRIDES).forEach((entry: unknown, i) => {
    const item = (entry ?? {}) as { cidr?: unknown; host?: unknown };
    const cidr = typeof item.cidr === 'string' ? normalizeCidr(item.cidr) : null;
    const host = hostIssue(item.host);
    if (!cidr) issues.push({ field: `${path}.${i}.cidr`, message: `${JSON.stringify(item.cidr ?? null)} is not an IP address or CIDR range (e.g. 192.168.0.0/16).` });
    if (host) issues.push({ field: `${path}.${i}.host`, message: host });
    if (cidr && !host) kept.push({ cidr, host: item.host as string });
  });
  return kept;
}

const RULES: Record<keyof typeof DEFAULT_SETTINGS, Rule> = {
  ...(Object.fromEntries(Object.keys(SETTINGS_INTEGER_LIMITS).map((k) => [k, integerRule(k as keyof typeof SETTINGS_INTEGER_LIMITS)])) as Record<
    keyof typeof SETTINGS_INTEGER_LIMITS,
    Rule
  >),
  ...(Object.fromEntries(SETTINGS_BOOLEANS.map((k) => [k, booleanRule])) as Record<(typeof SETTINGS_BOOLEANS)[number], Rule>),
  tlsMode: (value) => ((TLS_MODES as readonly unknown[]).includes(value) ? { value } : { issue: `Give one of ${TLS_MODES.join(', ')}.` }),
  banner: (value) =>
    typeof value !== 'string' || value.length > MAX_BANNER_LENGTH
      ? { issue: `Give a text of at most ${MAX_BANNER_LENGTH} characters.` }
      : /[\0\r]/.test(value)
        ? { issue: 'The banner may not contain control characters.' }
        : { value },
  pasvAdvertisedHost: (value) => {
    if (value === null || value === '') return { value: null };
    const issue = hostIssue(value);
    return issue ? { issue } : { value };
  },
  pasvOverrides: (value, path, issues) => {
    const before = issues.length;
    const kept = checkOverrides(value, path, issues);
    return issues.length > before ? {} : { value: kept };
  },
};

function isSetting(key: string): key is keyof typeof RULES {
  return Object.hasOwn(RULES, key);
}

function runRule(key: keyof typeof RULES, value: unknown, issues: FieldIssue[]): unknown {
  const result = RULES[key](value, key, issues);
  if (result.issue) issues.push({ field: key, message: result.issue });
  return result.value;
}

function portRangeIssues(min: number, max: number, changed: 'pasvPortMin' | 'pasvPortMax'): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (min < PASV_PORT_LOW) issues.push({ field: 'pasvPortMin', message: `The first passive port must be within ${PASV_PORT_LOW}-65535.` });
  if (max < PASV_PORT_LOW) issues.push({ field: 'pasvPortMax', message: `The last passive port must be within ${PASV_PORT_LOW}-65535.` });
  if (issues.length > 0) return issues;
  if (min > max) return [{ field: changed, message: 'The first passive port must not be above the last one.' }];
  if (max - min < 1) return [{ field: changed, message: 'The passive range needs at least 2 ports (one per simultaneous transfer).' }];
  return [];
}

/**
 * Checks a change against the current settings: every field given, and the passive range as a
 * whole. Returns the values normalised for the repository, and every problem (empty = valid).
 */
export function validateSettingsChange(current: ServerSettings, input: Record<string, unknown>): { data: ServerSettingsInput; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const data: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined) continue;
    if (!isSetting(key)) {
      issues.push({ field: key, message: 'This setting does not exist or cannot be changed here.' });
      continue;
    }
    const checked = runRule(key, value, issues);
    if (checked !== undefined || value === null) data[key] = checked;
  }
  const hasMin = 'pasvPortMin' in data;
  const hasMax = 'pasvPortMax' in data;
  if (hasMin || hasMax) {
    const min = (data.pasvPortMin as number | undefined) ?? current.pasvPortMin;
    const max = (data.pasvPortMax as number | undefined) ?? current.pasvPortMax;
    issues.push(...portRangeIssues(min, max, hasMin ? 'pasvPortMin' : 'pasvPortMax'));
  }
  return { data: data as ServerSettingsInput, issues };
}

/** A passive range the engine accepts: both 0 (the system picks), or 1-65535 with min <= max. */
function isUsablePortRange(min: number, max: number): boolean {
  return (min === 0 && max === 0) || (min >= 1 && min <= max && max <= 65_535);
}

/**
 * Stored settings made safe to apply: an invalid field takes the fallback's value (the last good
 * settings, or the defaults at start), an invalid passive override is left out and the valid ones
 * are kept. The issues say what was replaced.
 */
export function usableSettings(stored: ServerSettings, fallback: ServerSettingsInput = DEFAULT_SETTINGS): { settings: ServerSettings; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const settings: Record<string, unknown> = { ...stored };
  for (const key of Object.keys(RULES) as (keyof typeof RULES)[]) {
    if (key === 'pasvOverrides') {
      settings.pasvOverrides = checkOverrides(stored.pasvOverrides, key, issues) ?? fallback.pasvOverrides ?? [];
      continue;
    }
    const before = issues.length;
    const value = runRule(key, stored[key], issues);
    settings[key] = issues.length > before ? (fallback[key] ?? DEFAULT_SETTINGS[key]) : value;
  }
  if (!isUsablePortRange(settings.pasvPortMin as number, settings.pasvPortMax as number)) {
    issues.push({ field: 'pasvPortMin', message: `The passive range ${String(stored.pasvPortMin)}-${String(stored.pasvPortMax)} is not usable.` });
    const min = fallback.pasvPortMin ?? DEFAULT_SETTINGS.pasvPortMin;
    const max = fallback.pasvPortMax ?? DEFAULT_SETTINGS.pasvPortMax;
    [settings.pasvPortMin, settings.pasvPortMax] = isUsablePortRange(min, max) ? [min, max] : [DEFAULT_SETTINGS.pasvPortMin, DEFAULT_SETTINGS.pasvPortMax];
  }
  return { settings: settings as ServerSettings, issues };
}
