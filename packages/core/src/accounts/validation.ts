// Field validation for account writes. Every problem names its field so the API can point at the
// form input and the CLI at the option. Inputs may come straight from JSON: types are re-checked.
import { PERMISSIONS, type AccountInput, type Permission } from '@ftp-panel/db';
import { DomainError, type ErrorCode } from '../errors.ts';
import { isValidUsername } from '../homes.ts';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../passwords.ts';
import { normalizeCidr } from '../cidr.ts';

/**
 * Fields an admin sets on an account (create, update, upsert): the stored AccountInput, as it may
 * arrive before validation. 0 = unlimited for limits.
 */
export type AccountFields = Omit<AccountInput, 'expiresAt' | 'homeDir' | 'permissions'> & {
  /** Date, ISO string, or null for "never" */
  expiresAt?: Date | string | null;
  /** relative to the homes root (or absolute inside it); empty = the username */
  homeDir?: string | null;
  permissions?: string[];
};

export type Issue = { code: ErrorCode; field: string; message: string };

const INT_MAX = 2_147_483_647;
const NUMBER_LIMITS = {
  quotaBytes: Number.MAX_SAFE_INTEGER,
  quotaFiles: INT_MAX,
  uploadKiBps: INT_MAX,
  downloadKiBps: INT_MAX,
  maxSessions: INT_MAX,
} as const;
const NUMBER_FIELDS = Object.keys(NUMBER_LIMITS) as (keyof typeof NUMBER_LIMITS)[];
const NUMBER_LABELS: Record<keyof typeof NUMBER_LIMITS, string> = {
  quotaBytes: 'The disk quota',
  quotaFiles: 'The file limit',
  uploadKiBps: 'The upload speed limit',
  downloadKiBps: 'The download speed limit',
  maxSessions: 'The session limit',
};

export const MAX_NOTE_LENGTH = 2000;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const USERNAME_RULE = 'Use 1 to 64 letters, digits, dots, dashes and underscores, starting with a letter or digit.';

export function usernameIssue(username: unknown): Issue | null {
  if (typeof username === 'string' && isValidUsername(username)) return null;
  return { code: 'VALIDATION_FAILED', field: 'username', message: USERNAME_RULE };
}

export function passwordIssue(password: unknown, field = 'password'): Issue | null {
  if (typeof password !== 'string') return { code: 'VALIDATION_FAILED', field, message: 'The password must be text.' };
  if (password.length < MIN_PASSWORD_LENGTH) {
    return { code: 'VALIDATION_FAILED', field, message: `The password needs at least ${MIN_PASSWORD_LENGTH} characters.` };
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    return { code: 'VALIDATION_FAILED', field, message: `The password may have at most ${MAX_PASSWORD_LENGTH} characters.` };
  }
  return null;
}

function cidrList(value: unknown, field: 'allowedCidrs' | 'deniedCidrs', issues: Issue[]): string[] | undefined {
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
    issues.push({ code: 'INVALID_CIDR', field, message: 'Give a list of addresses or CIDR ranges.' });
    return undefined;
  }
  const out: string[] = [];
  for (const item of value as string[]) {
    if (item.trim() === '') continue;
    const normalized = normalizeCidr(item);
    if (!normalized) {
      issues.push({ code: 'INVALID_CIDR', field, message: `"${item}" is not an IP address or CIDR range (e.g. 203.0.113.0/24, 2001:db8::/32).` });
      return undefined;
    }
    if (!out.includes(normalized)) out.push(normalized);
  }
  return out;
}

function parseDate(value: unknown): Date | null | undefined {
  if (value === null) return null;
  const date = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : undefined;
  return date && !Number.isNaN(date.getTime()) ? date : undefined;
}

/**
 * Checks the fields and returns them normalised for the repository (homeDir excluded: it needs
 * the disk, see resolveHome in service.ts). Problems are collected, not thrown.
 */
export function validateAccountFields(input: AccountFields, issues: Issue[]): AccountInput {
  const data: AccountInput = {};
  if (input.email !== undefined) {
    const email = typeof input.email === 'string' ? input.email.trim() : input.email;
    if (email === null || email === '') data.email = null;
    else if (typeof email !== 'string' || email.length > 254 || !EMAIL_PATTERN.test(email)) {
      issues.push({ code: 'VALIDATION_FAILED', field: 'email', message: 'Enter an email address like name@example.com.' });
    } else data.email = email;
  }
  if (input.status !== undefined) {
    if (input.status === 'ACTIVE' || input.status === 'DISABLED') data.status = input.status;
    else issues.push({ code: 'VALIDATION_FAILED', field: 'status', message: 'Status is ACTIVE or DISABLED.' });
  }
  if (input.expiresAt !== undefined) {
    const date = parseDate(input.expiresAt);
    if (date === undefined) issues.push({ code: 'VALIDATION_FAILED', field: 'expiresAt', message: 'Give a valid date, or nothing for "never".' });
    else data.expiresAt = date;
  }
  for (const field of NUMBER_FIELDS) {
    const value = input[field];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > NUMBER_LIMITS[field]) {
      issues.push({ code: 'VALIDATION_FAILED', field, message: `${NUMBER_LABELS[field]} must be a whole number: 0 (unlimited) or more.` });
    } else data[field] = value;
  }
  if (input.allowedCidrs !== undefined) {
    const list = cidrList(input.allowedCidrs, 'allowedCidrs', issues);
    if (list) data.allowedCidrs = list;
  }
  if (input.deniedCidrs !== undefined) {
    const list = cidrList(input.deniedCidrs, 'deniedCidrs', issues);
    if (list) data.deniedCidrs = list;
  }
  if (input.permissions !== undefined) {
    const permissions = input.permissions;
    const isList = Array.isArray(permissions) && permissions.every((p) => (PERMISSIONS as readonly unknown[]).includes(p));
    if (!isList) {
      issues.push({ code: 'VALIDATION_FAILED', field: 'permissions', message: `Permissions are a list of: ${PERMISSIONS.join(', ')}.` });
    } else data.permissions = PERMISSIONS.filter((p) => (permissions as string[]).includes(p)) as Permission[];
  }
  if (input.requireTls !== undefined) {
    if (typeof input.requireTls === 'boolean') data.requireTls = input.requireTls;
    else issues.push({ code: 'VALIDATION_FAILED', field: 'requireTls', message: 'requireTls is true or false.' });
  }
  if (input.isTlsSessionReuseRequired !== undefined) {
    const value = input.isTlsSessionReuseRequired;
    if (value === null || typeof value === 'boolean') data.isTlsSessionReuseRequired = value;
    else {
      issues.push({
        code: 'VALIDATION_FAILED',
        field: 'isTlsSessionReuseRequired',
        message: 'TLS session reuse is true (required), false (not required) or null (the server setting).',
      });
    }
  }
  if (input.note !== undefined) {
    if (typeof input.note === 'string' && input.note.length <= MAX_NOTE_LENGTH) data.note = input.note;
    else issues.push({ code: 'VALIDATION_FAILED', field: 'note', message: `The note is text of at most ${MAX_NOTE_LENGTH} characters.` });
  }
  return data;
}

/** One error for all problems: the first problem's code, every problem in details. */
export function throwIssues(issues: Issue[]): void {
  const first = issues[0];
  if (!first) return;
  const message = issues.length === 1 ? first.message : `${issues.length} fields need attention: ${issues.map((i) => i.field).join(', ')}.`;
  throw new DomainError(first.code, message, issues.map(({ field, message: m }) => ({ field, message: m })));
}
