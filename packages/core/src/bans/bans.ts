// IP bans as admins manage them, from the API and the CLI alike: one normal form for addresses
// (../cidr.ts, the one BanGuard matches with), audited, announced on the change feed so every FTP
// node applies them within a second, and published on the bus when one is given.
import { countBans, createBan, listActiveBans, listBans, liftBansById, recordAudit, SYSTEM_ACTOR } from '@ftp-panel/db';
import type { Actor, Ban, BanListQuery, Db } from '@ftp-panel/db';
import { normalizeAddress } from '../cidr.ts';
import { DomainError } from '../errors.ts';
import type { EventBus } from '../events/types.ts';
import { notifyChange } from '../events/notify.ts';

export type BanContext = { db: Db; actor?: Actor; events?: Pick<EventBus, 'publish'> };

export type BanInput = { ip: string; reason?: string; durationSec?: number };

/** An IPv4/IPv6 address or CIDR block in normal form; throws INVALID_CIDR (field ip) otherwise. */
export function parseBanTarget(text: string): string {
  const normalized = normalizeAddress(text);
  if (!normalized) throw DomainError.field('INVALID_CIDR', 'ip', `"${text.trim()}" is not an IP address or CIDR range.`);
  return normalized;
}

/** Bans, newest first; an address filter matches every spelling of it. */
export function listAddressBans(ctx: Pick<BanContext, 'db'>, query: BanListQuery = {}): Promise<{ items: Ban[]; total: number }> {
  const ip = query.ip ? (normalizeAddress(query.ip) ?? query.ip.trim()) : undefined;
  return listBans(ctx.db.prisma, { ...query, ...(ip ? { ip } : {}) });
}

/** The number of bans in force now. */
export function countActiveBans(ctx: Pick<BanContext, 'db'>): Promise<number> {
  return countBans(ctx.db.prisma, { isActive: true });
}

export async function banAddress(ctx: BanContext, input: BanInput): Promise<Ban> {
  const ip = parseBanTarget(input.ip);
  if (input.durationSec !== undefined && (!Number.isInteger(input.durationSec) || input.durationSec < 0)) {
    throw DomainError.field('VALIDATION_FAILED', 'durationSec', 'The duration must be a whole number of seconds (0 = until lifted).');
  }
  const actor = ctx.actor ?? SYSTEM_ACTOR;
  const ban = await createBan(ctx.db.prisma, {
    ip,
    reason: input.reason?.trim() || 'banned by an administrator',
    createdBy: actor.name,
    durationSec: input.durationSec ?? 0,
  });
  await recordAudit(ctx.db.prisma, { actor, action: 'ban.create', targetType: 'ban', targetId: ban.id, after: ban });
  await notifyChange(ctx.db, 'ban', ip, { reason: 'created', id: ban.id });
  ctx.events?.publish({ type: 'ban.created', ip, reason: ban.reason, expiresAt: ban.expiresAt?.toISOString() ?? null });
  return ban;
}

/**
 * Lifts a ban by id, or every ban in force of an address or block (any spelling; rows stored
 * before addresses were normalised are compared in normal form too). BAN_NOT_FOUND when none is.
 */
export async function liftAddressBan(ctx: BanContext, idOrAddress: string): Promise<Ban[]> {
  const address = normalizeAddress(idOrAddress);
  const ids = address
    ? (await listActiveBans(ctx.db.prisma)).filter((ban) => (normalizeAddress(ban.ip) ?? ban.ip) === address).map((ban) => ban.id)
    : [idOrAddress.trim()];
  const lifted = await liftBansById(ctx.db.prisma, ids);
  if (lifted.length === 0) throw DomainError.field('BAN_NOT_FOUND', 'ip', `No ban in force matches "${idOrAddress.trim()}".`);
  const actor = ctx.actor ?? SYSTEM_ACTOR;
  for (const ban of lifted) {
    await recordAudit(ctx.db.prisma, { actor, action: 'ban.lift', targetType: 'ban', targetId: ban.id, before: { ...ban, liftedAt: null, isActive: true } });
    await notifyChange(ctx.db, 'ban', ban.ip, { reason: 'lifted', id: ban.id });
    ctx.events?.publish({ type: 'ban.lifted', ip: ban.ip });
  }
  return lifted;
}
