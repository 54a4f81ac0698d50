// Who may call what. Every /api/v1 route declares `config.access`; the guard (plugins/access-guard.ts)
// checks it against the caller: admins by role, tokens by scope, customers only on their routes.
import type { AdminRole, TokenScope } from '@ftp-panel/db';

export const PERMISSIONS = {
  'accounts:read': { roles: ['OWNER', 'ADMIN', 'SUPPORT'], scope: 'accounts:read' },
  'accounts:write': { roles: ['OWNER', 'ADMIN'], scope: 'accounts:write' },
  /** SUPPORT's one write: a password-reset link emailed to the customer (never shown to the sender) */
  'accounts:reset-link': { roles: ['OWNER', 'ADMIN', 'SUPPORT'], scope: 'accounts:write' },
  'sessions:read': { roles: ['OWNER', 'ADMIN', 'SUPPORT'], scope: 'sessions:read' },
  'sessions:write': { roles: ['OWNER', 'ADMIN'], scope: 'sessions:write' },
  'logs:read': { roles: ['OWNER', 'ADMIN', 'SUPPORT'], scope: 'logs:read' },
  'bans:read': { roles: ['OWNER', 'ADMIN', 'SUPPORT'], scope: 'logs:read' },
  'bans:write': { roles: ['OWNER', 'ADMIN'], scope: 'sessions:write' },
  'settings:read': { roles: ['OWNER', 'ADMIN', 'SUPPORT'], scope: 'settings:read' },
  'settings:write': { roles: ['OWNER'], scope: 'settings:write' },
  'audit:read': { roles: ['OWNER', 'ADMIN', 'SUPPORT'], scope: 'logs:read' },
  /** the chain check names entries and the head hash; no token scope grants it */
  'audit:verify': { roles: ['OWNER', 'ADMIN'], scope: null },
  'overview:read': { roles: ['OWNER', 'ADMIN', 'SUPPORT'], scope: null },
  'tokens:manage': { roles: ['OWNER', 'ADMIN'], scope: null },
  'webhooks:manage': { roles: ['OWNER', 'ADMIN'], scope: null },
  'admins:manage': { roles: ['OWNER'], scope: null },
} as const satisfies Record<string, { roles: readonly AdminRole[]; scope: TokenScope | null }>;

export type Permission = keyof typeof PERMISSIONS;

/**
 * public: anyone (sign-in, setup, health); admin: any signed-in admin (own password, own session);
 * customer: a signed-in customer; { perm }: admins with the role or tokens with the scope;
 * { perm, isCustomerAllowed }: the same, and customers too (their data is filtered by the route).
 */
export type Access = 'public' | 'admin' | 'customer' | { perm: Permission; isCustomerAllowed?: boolean };

export function roleHas(role: AdminRole, perm: Permission): boolean {
  return (PERMISSIONS[perm].roles as readonly AdminRole[]).includes(role);
}

export function scopeFor(perm: Permission): TokenScope | null {
  return PERMISSIONS[perm].scope;
}

/** The token scopes an admin of this role may grant (never more than the role can do itself). */
export function grantableScopes(role: AdminRole): TokenScope[] {
  const scopes = new Set<TokenScope>();
  const all = Object.values(PERMISSIONS) as { roles: readonly AdminRole[]; scope: TokenScope | null }[];
  for (const p of all) if (p.scope && p.roles.includes(role)) scopes.add(p.scope);
  // A scope is grantable only when every permission it unlocks is allowed to the role.
  for (const p of all) if (p.scope && !p.roles.includes(role)) scopes.delete(p.scope);
  return [...scopes];
}
