// How accounts look in the terminal: one aligned table for lists, label/value lines for one account.
import type { Account } from '@ftp-panel/db';
import { formatDate, formatFields, formatLimit, formatList, formatMiB, formatRate, formatTable } from '../output.ts';

function percent(used: number, limit: number): string {
  return limit === 0 ? '' : ` (${Math.floor((used / limit) * 100)}%)`;
}

export function accountTable(accounts: readonly Account[]): string {
  const rows = accounts.map((a) => [
    a.username,
    a.status,
    formatLimit(a.quotaBytes, formatMiB),
    `${formatMiB(a.usedBytes)}${percent(a.usedBytes, a.quotaBytes)}`,
    `${a.usedFiles}/${formatLimit(a.quotaFiles)}`,
    formatRate(a.uploadKiBps),
    formatRate(a.downloadKiBps),
    formatLimit(a.maxSessions),
    formatDate(a.expiresAt),
  ]);
  return formatTable(['USERNAME', 'STATUS', 'QUOTA', 'USED', 'FILES', 'UPLOAD', 'DOWNLOAD', 'SESSIONS', 'EXPIRES'], rows);
}

export function accountDetails(a: Account): string {
  return formatFields([
    ['Username', a.username],
    ['Status', a.status],
    ['Email', a.email ?? '-'],
    ['Home', a.homeDir],
    ['Quota', formatLimit(a.quotaBytes, formatMiB)],
    ['Used', `${formatMiB(a.usedBytes)}${percent(a.usedBytes, a.quotaBytes)}`],
    ['File limit', formatLimit(a.quotaFiles)],
    ['Files', `${a.usedFiles}${percent(a.usedFiles, a.quotaFiles)}`],
    ['Upload', formatRate(a.uploadKiBps)],
    ['Download', formatRate(a.downloadKiBps)],
    ['Max sessions', formatLimit(a.maxSessions)],
    ['Allowed IPs', formatList(a.allowedCidrs, 'any')],
    ['Denied IPs', formatList(a.deniedCidrs, 'none')],
    ['Permissions', formatList(a.permissions, 'none')],
    ['Require TLS', a.requireTls ? 'yes' : 'no'],
    ['TLS session reuse', a.isTlsSessionReuseRequired === null ? 'server default' : a.isTlsSessionReuseRequired ? 'required' : 'not required'],
    ['Expires', formatDate(a.expiresAt)],
    ['Last login', formatDate(a.lastLoginAt)],
    ['Created', formatDate(a.createdAt)],
    ['Updated', formatDate(a.updatedAt)],
    ['Version', String(a.version)],
    ['Note', a.note || '-'],
  ]);
}
