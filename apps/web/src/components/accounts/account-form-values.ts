// Converts between the account JSON (bytes, arrays, ISO dates) and what the form shows
// (MiB/GiB, one CIDR per line, a date).
import { isPermission, PERMISSIONS, type Account, type Permission } from '@/lib/types.ts';

export const MIB = 1024 * 1024;
export const GIB = 1024 * MIB;

export type SizeUnit = 'MiB' | 'GiB';

/** The select's values for Account.isTlsSessionReuseRequired (null, true, false). */
export type TlsSessionReuseChoice = 'default' | 'required' | 'optional';

export function tlsSessionReuseChoice(value: boolean | null): TlsSessionReuseChoice {
  if (value === null) return 'default';
  return value ? 'required' : 'optional';
}

export function tlsSessionReuseValue(choice: TlsSessionReuseChoice): boolean | null {
  if (choice === 'default') return null;
  return choice === 'required';
}

export type AccountFormValues = {
  username: string;
  password: string;
  email: string;
  status: 'ACTIVE' | 'DISABLED';
  expiresOn: string;
  homeDir: string;
  quotaAmount: string;
  quotaUnit: SizeUnit;
  quotaFiles: string;
  uploadKiBps: string;
  downloadKiBps: string;
  maxSessions: string;
  allowedCidrs: string;
  deniedCidrs: string;
  permissions: Permission[];
  requireTls: boolean;
  tlsSessionReuse: TlsSessionReuseChoice;
  note: string;
};

export const EMPTY_ACCOUNT_FORM: AccountFormValues = {
  username: '',
  password: '',
  email: '',
  status: 'ACTIVE',
  expiresOn: '',
  homeDir: '',
  quotaAmount: '0',
  quotaUnit: 'GiB',
  quotaFiles: '0',
  uploadKiBps: '0',
  downloadKiBps: '0',
  maxSessions: '0',
  allowedCidrs: '',
  deniedCidrs: '',
  permissions: [...PERMISSIONS],
  requireTls: false,
  tlsSessionReuse: 'default',
  note: '',
};

function trimNumber(n: number): string {
  return String(Math.round(n * 100) / 100);
}

export function formValuesFromAccount(a: Account): AccountFormValues {
  const isGiB = a.quotaBytes >= GIB && a.quotaBytes % (GIB / 100) === 0;
  return {
    username: a.username,
    password: '',
    email: a.email ?? '',
    status: a.status,
    expiresOn: a.expiresAt ? a.expiresAt.slice(0, 10) : '',
    homeDir: a.homeDir,
    quotaAmount: a.quotaBytes === 0 ? '0' : trimNumber(a.quotaBytes / (isGiB ? GIB : MIB)),
    quotaUnit: isGiB || a.quotaBytes === 0 ? 'GiB' : 'MiB',
    quotaFiles: String(a.quotaFiles),
    uploadKiBps: String(a.uploadKiBps),
    downloadKiBps: String(a.downloadKiBps),
    maxSessions: String(a.maxSessions),
    allowedCidrs: a.allowedCidrs.join('\n'),
    deniedCidrs: a.deniedCidrs.join('\n'),
    permissions: a.permissions.filter(isPermission),
    requireTls: a.requireTls,
    tlsSessionReuse: tlsSessionReuseChoice(a.isTlsSessionReuseRequired),
    note: a.note,
  };
}

function lines(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

function whole(text: string): number {
  const n = Number(text.trim() || '0');
  return Number.isFinite(n) ? Math.round(n) : NaN;
}

/** The request body; the server validates everything again and its messages are what we show. */
export function accountPayload(v: AccountFormValues, isNew: boolean): Record<string, unknown> {
  const quota = Number(v.quotaAmount.trim() || '0');
  const body: Record<string, unknown> = {
    email: v.email.trim() || null,
    status: v.status,
    expiresAt: v.expiresOn ? `${v.expiresOn}T23:59:59.000Z` : null,
    quotaBytes: Number.isFinite(quota) ? Math.round(quota * (v.quotaUnit === 'GiB' ? GIB : MIB)) : NaN,
    quotaFiles: whole(v.quotaFiles),
    uploadKiBps: whole(v.uploadKiBps),
    downloadKiBps: whole(v.downloadKiBps),
    maxSessions: whole(v.maxSessions),
    allowedCidrs: lines(v.allowedCidrs),
    deniedCidrs: lines(v.deniedCidrs),
    permissions: PERMISSIONS.filter((p) => v.permissions.includes(p)),
    requireTls: v.requireTls,
    isTlsSessionReuseRequired: tlsSessionReuseValue(v.tlsSessionReuse),
    note: v.note,
  };
  if (v.homeDir.trim()) body.homeDir = v.homeDir.trim();
  if (isNew) {
    body.username = v.username.trim();
    if (v.password) body.password = v.password;
  }
  return body;
}

/** Client-side checks for what the browser can know; they never replace the server's. */
export function checkAccountForm(v: AccountFormValues, isNew: boolean): Record<string, string> {
  const errors: Record<string, string> = {};
  if (isNew && !v.username.trim()) errors.username = 'Enter a username.';
  const numeric: [keyof AccountFormValues, string][] = [
    ['quotaAmount', 'quotaBytes'],
    ['quotaFiles', 'quotaFiles'],
    ['uploadKiBps', 'uploadKiBps'],
    ['downloadKiBps', 'downloadKiBps'],
    ['maxSessions', 'maxSessions'],
  ];
  for (const [key, field] of numeric) {
    const n = Number(String(v[key]).trim() || '0');
    if (!Number.isFinite(n) || n < 0) errors[field] = 'Enter a number of 0 or more (0 = unlimited).';
  }
  return errors;
}
