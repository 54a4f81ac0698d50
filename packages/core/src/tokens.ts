// API tokens for provisioning systems. The secret ("ftpp_..." ) is shown once; only its SHA-256
// is stored, so a database leak does not leak usable tokens. SHA-256 (not argon2) is enough: the
// secret has 256 random bits, there is nothing to brute-force.
import {
  appendChange,
  createApiToken,
  findApiTokenByHash,
  listApiTokens as queryApiTokens,
  recordAudit,
  revokeApiToken as markRevoked,
  touchApiToken,
  TOKEN_SCOPES,
  type ApiToken,
  type PrismaDb,
  type TokenScope,
} from '@ftp-panel/db';
import { actorOf, inTransaction, type Actor } from './accounts/context.ts';
import { randomToken, sha256 } from './bootstrap.ts';
import { DomainError, type FieldIssue } from './errors.ts';

/** What a token may be granted, for the API's schema and `ftpadmin token create --scopes`. */
export { TOKEN_SCOPES, type TokenScope };

export const TOKEN_PREFIX = 'ftpp_';
/** "ftpp_" + 7 characters: enough to recognise a token in a list, far too little to guess it. */
const DISPLAY_PREFIX_LENGTH = 12;
const MAX_TOKEN_NAME_LENGTH = 100;
/** lastUsedAt is a hint for people; writing it on every request would turn reads into writes. */
const TOUCH_INTERVAL_MS = 60_000;

export type TokenContext = { db: PrismaDb; actor?: Actor };
export type IssueApiTokenInput = { name: string; scopes: string[]; expiresAt?: Date | string | null };

export function createApiTokenSecret(): { secret: string; hash: string; prefix: string } {
  const secret = TOKEN_PREFIX + randomToken(32);
  return { secret, hash: sha256(secret), prefix: secret.slice(0, DISPLAY_PREFIX_LENGTH) };
}

function tokenJson(token: ApiToken): Record<string, unknown> {
  return {
    id: token.id,
    name: token.name,
    prefix: token.prefix,
    scopes: token.scopes,
    expiresAt: token.expiresAt?.toISOString() ?? null,
    revokedAt: token.revokedAt?.toISOString() ?? null,
  };
}

function validateTokenInput(input: IssueApiTokenInput): { name: string; scopes: TokenScope[]; expiresAt: Date | null } {
  const issues: FieldIssue[] = [];
  const name = typeof input.name === 'string' ? input.name.trim() : '';
  if (!name || name.length > MAX_TOKEN_NAME_LENGTH) issues.push({ field: 'name', message: `Give the token a name (1 to ${MAX_TOKEN_NAME_LENGTH} characters).` });
  const scopes = Array.isArray(input.scopes) ? input.scopes : [];
  const unknown = scopes.filter((s) => !(TOKEN_SCOPES as readonly string[]).includes(s));
  if (scopes.length === 0 || unknown.length > 0) {
    issues.push({ field: 'scopes', message: `${unknown.length ? `Unknown scope ${unknown.join(', ')}. ` : ''}Choose scopes among: ${TOKEN_SCOPES.join(', ')}.` });
  }
  let expiresAt: Date | null = null;
  if (input.expiresAt !== undefined && input.expiresAt !== null) {
    expiresAt = input.expiresAt instanceof Date ? input.expiresAt : new Date(input.expiresAt);
    if (Number.isNaN(expiresAt.getTime()) || expiresAt.getTime() <= Date.now()) {
      issues.push({ field: 'expiresAt', message: 'The expiry must be a valid date in the future.' });
    }
  }
  if (issues.length > 0) throw new DomainError('VALIDATION_FAILED', issues.length === 1 ? (issues[0] as FieldIssue).message : 'Some fields need attention.', issues);
  return { name, scopes: TOKEN_SCOPES.filter((s) => scopes.includes(s)), expiresAt };
}

/** Creates a token; the secret is returned here and never again. */
export async function issueApiToken(ctx: TokenContext, input: IssueApiTokenInput): Promise<{ token: ApiToken; secret: string }> {
  const { name, scopes, expiresAt } = validateTokenInput(input);
  const actor = actorOf(ctx);
  const { secret, hash, prefix } = createApiTokenSecret();
  const token = await inTransaction(ctx.db, async (tx) => {
    const created = await createApiToken(tx, {
      name,
      tokenHash: hash,
      prefix,
      scopes,
      expiresAt,
      createdById: actor.type === 'ADMIN' ? (actor.id ?? null) : null,
    });
    await recordAudit(tx, { actor, action: 'token.create', targetType: 'token', targetId: created.id, after: tokenJson(created) });
    return created;
  });
  return { token, secret };
}

export function listApiTokens(ctx: { db: PrismaDb }): Promise<ApiToken[]> {
  return queryApiTokens(ctx.db);
}

/** Revokes at once in every process (change event): unknown or already revoked → TOKEN_NOT_FOUND. */
export async function revokeApiToken(ctx: TokenContext, id: string): Promise<void> {
  await inTransaction(ctx.db, async (tx) => {
    if (!(await markRevoked(tx, id))) throw new DomainError('TOKEN_NOT_FOUND', 'No active token with this id.');
    await appendChange(tx, 'token', id, { reason: 'revoked' });
    await recordAudit(tx, { actor: actorOf(ctx), action: 'token.revoke', targetType: 'token', targetId: id });
  });
}

export function isApiTokenUsable(token: Pick<ApiToken, 'revokedAt' | 'expiresAt'>, now = new Date()): boolean {
  return token.revokedAt === null && (token.expiresAt === null || token.expiresAt > now);
}

/** The token for a presented secret, or null (unknown, revoked or expired: one answer for all). */
export async function authenticateApiToken(db: PrismaDb, secret: string, now = new Date()): Promise<ApiToken | null> {
  if (typeof secret !== 'string' || !secret.startsWith(TOKEN_PREFIX) || secret.length > 200) return null;
  const token = await findApiTokenByHash(db, sha256(secret));
  if (!token || !isApiTokenUsable(token, now)) return null;
  if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() >= TOUCH_INTERVAL_MS) {
    await touchApiToken(db, token.id, now);
    return { ...token, lastUsedAt: now };
  }
  return token;
}
