// API tokens for provisioning systems: stored as SHA-256 hashes, shown once.
import type { PrismaDb } from '../client.ts';
import type { ApiToken as TokenRow } from '../generated/sqlite/client.ts';
import { splitList } from './accounts.ts';

export const TOKEN_SCOPES = [
  'accounts:read',
  'accounts:write',
  'sessions:read',
  'sessions:write',
  'logs:read',
  'settings:read',
  'settings:write',
] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

export type ApiToken = Omit<TokenRow, 'tokenHash' | 'scopes'> & { scopes: TokenScope[] };

function toToken(row: TokenRow): ApiToken {
  const { tokenHash: _hash, scopes, ...rest } = row;
  return { ...rest, scopes: splitList(scopes) as TokenScope[] };
}

export async function createApiToken(
  db: PrismaDb,
  input: { name: string; tokenHash: string; prefix: string; scopes: TokenScope[]; expiresAt?: Date | null; createdById?: string | null },
): Promise<ApiToken> {
  const row = await db.apiToken.create({
    data: {
      name: input.name,
      tokenHash: input.tokenHash,
      prefix: input.prefix,
      scopes: input.scopes.join(','),
      expiresAt: input.expiresAt ?? null,
      createdById: input.createdById ?? null,
    },
  });
  return toToken(row);
}

export async function findApiTokenByHash(db: PrismaDb, tokenHash: string): Promise<ApiToken | null> {
  const row = await db.apiToken.findUnique({ where: { tokenHash } });
  return row ? toToken(row) : null;
}

export async function listApiTokens(db: PrismaDb): Promise<ApiToken[]> {
  return (await db.apiToken.findMany({ orderBy: { createdAt: 'desc' } })).map(toToken);
}

/** Returns false when no such token exists or it was already revoked. */
export async function revokeApiToken(db: PrismaDb, id: string, at = new Date()): Promise<boolean> {
  const { count } = await db.apiToken.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: at } });
  return count > 0;
}

export async function touchApiToken(db: PrismaDb, id: string, at = new Date()): Promise<void> {
  await db.apiToken.updateMany({ where: { id }, data: { lastUsedAt: at } });
}
