// The Account JSON shape of the API contract (dates as ISO strings), shared by the API and the CLI.
import type { Account } from '@ftp-panel/db';

type DateField = 'expiresAt' | 'lastLoginAt' | 'createdAt' | 'updatedAt';

/** The domain Account with its dates as ISO strings: derived, so the two cannot drift apart. */
export type AccountJson = Omit<Account, DateField> & {
  expiresAt: string | null;
  lastLoginAt: string | null;
  createdAt: string;
  updatedAt: string;
};

export function accountToJson(account: Account): AccountJson {
  return {
    ...account,
    allowedCidrs: [...account.allowedCidrs],
    deniedCidrs: [...account.deniedCidrs],
    permissions: [...account.permissions],
    expiresAt: account.expiresAt?.toISOString() ?? null,
    lastLoginAt: account.lastLoginAt?.toISOString() ?? null,
    createdAt: account.createdAt.toISOString(),
    updatedAt: account.updatedAt.toISOString(),
  };
}
