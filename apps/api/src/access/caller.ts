// Who is calling: an admin or a customer (session cookie), a provisioning system (Bearer token),
// or nobody. Resolved once per API request by plugins/access-guard.ts.
import type { Account, Admin, ApiToken } from '@ftp-panel/db';
import type { Actor } from '@ftp-panel/db';
import type { WebSessionRecord } from '@ftp-panel/core';

export type Caller =
  | { kind: 'anonymous'; problem?: string; /** a session that passed the password and still owes the second factor (routes/two-factor.ts) */ pending?: WebSessionRecord }
  | { kind: 'admin'; admin: Admin; session: WebSessionRecord }
  | { kind: 'customer'; account: Account; session: WebSessionRecord }
  | { kind: 'token'; token: ApiToken };

export function actorFor(caller: Caller, ip: string): Actor {
  switch (caller.kind) {
    case 'admin':
      return { type: 'ADMIN', id: caller.admin.id, name: caller.admin.username, ip };
    case 'customer':
      return { type: 'CUSTOMER', id: caller.account.id, name: caller.account.username, ip };
    case 'token':
      return { type: 'TOKEN', id: caller.token.id, name: `token:${caller.token.name}`, ip };
    default:
      return { type: 'SYSTEM', id: null, name: 'anonymous', ip };
  }
}
