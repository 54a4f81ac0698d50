// What each admin role may do, mirroring the API's access rules (apps/api/src/access/permissions.ts) so
// the dashboard does not offer an action the API would refuse. The API stays the judge.
import type { AdminRole } from './types.ts';

const ABILITIES = {
  'accounts:write': ['OWNER', 'ADMIN'],
  'sessions:write': ['OWNER', 'ADMIN'],
  'bans:write': ['OWNER', 'ADMIN'],
  'settings:write': ['OWNER'],
  'tokens:manage': ['OWNER', 'ADMIN'],
  'webhooks:manage': ['OWNER', 'ADMIN'],
  'admins:manage': ['OWNER'],
} as const satisfies Record<string, readonly AdminRole[]>;

export type Ability = keyof typeof ABILITIES;

export function can(role: AdminRole, ability: Ability): boolean {
  return (ABILITIES[ability] as readonly AdminRole[]).includes(role);
}
