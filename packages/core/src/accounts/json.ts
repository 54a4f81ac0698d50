// The Account JSON shape of the API contract (dates as ISO strings), shared by the API and the CLI.
import type { Account, Permission, UserStatus } from '@ftp-panel/db';

export type AccountJson = {
  id: string;
  username: string;
  email: string | null;
  status: UserStatus;
  expiresAt: string | null;
  homeDir: string;
  quotaBytes: number;
  quotaFiles: number;
  usedBytes: number;
  usedFiles: number;
  uploadKiBps: number;
  downloadKiBps: number;
  maxSessions: number;
  allowedCidrs: string[];
  deniedCidrs: string[];
  permissions: Permission[];
  requireTls: boolean;
  note: string;
  version: number;
  lastLoginAt: string | null;
  createdAt: string;
  updatedAt: string;
};

export function accountToJson(account: Account): AccountJson {
  return {
    id: account.id,
    username: account.username,
    email: account.email,
    status: account.status,
    expiresAt: account.expiresAt?.toISOString() ?? null,
    homeDir: account.homeDir,
    quotaBytes: account.quotaBytes,
    quotaFiles: account.quotaFiles,
    usedBytes: account.usedBytes,
    usedFiles: account.usedFiles,
    uploadKiBps: account.uploadKiBps,
    downloadKiBps: account.downloadKiBps,
    maxSessions: account.maxSessions,
    allowedCidrs: [...account.allowedCidrs],
    deniedCidrs: [...account.deniedCidrs],
    permissions: [...account.permissions],
    requireTls: account.requireTls,
    note: account.note,
    version: account.version,
    lastLoginAt: account.lastLoginAt?.toISOString() ?? null,
    createdAt: account.createdAt.toISOString(),
    updatedAt: account.updatedAt.toISOString(),
  };
}
