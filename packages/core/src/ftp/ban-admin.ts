// Bans as admins manage them (CLI, API): validated, audited, announced on the change feed so
// every FTP node applies them within a second, and published on the bus when one is given.
import net from 'node:net';
import { createBan, liftBan, recordAudit, SYSTEM_ACTOR } from '@ftp-panel/db';
import type { Actor, Ban, Db } from '@ftp-panel/db';
import { DomainError } from '../errors.ts';
import type { EventBus } from '../events.ts';
import { notifyChange } from '../events/notify.ts';

export type BanAdminContext = { db: Db; actor?: Actor; events?: Pick<EventBus, 'publish'> };

/** An IPv4/IPv6 address or CIDR block, normalised; throws INVALID_CIDR otherwise. */
export function parseBanTarget(text: string): string {
  const value = text.trim();
  const [address = '', prefix, ...rest] = value.split('/');
  const family = net.isIP(address);
  const max = family === 4 ? 32 : 128;
  const isPrefixValid = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= max);
  if (family === 0 || rest.length > 0 || !isPrefixValid) {
    throw DomainError.field('INVALID_CIDR', 'ip', `"${value}" is not an IP address or CIDR block`);
  }
  return prefix === undefined ? address.toLowerCase() : `${address.toLowerCase()}/${Number(prefix)}`;
}

export async function banAddress(ctx: BanAdminContext, input: { ip: string; reason?: string; durationSec?: number }): Promise<Ban> {
  const ip = parseBanTarget(input.ip);
  if (input.durationSec !== undefined && (!Number.isInteger(input.durationSec) || input.durationSec < 0)) {
    throw DomainError.field('VALIDATION_FAILED', 'durationSec', 'the duration must be a whole number of seconds (0 = until lifted)');
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

/** Lifts a ban by id, or every active ban of an address; BAN_NOT_FOUND when none is active. */
export async function liftAddressBan(ctx: BanAdminContext, idOrIp: string): Promise<Ban[]> {
  const target = net.isIP(idOrIp.split('/')[0] ?? '') ? parseBanTarget(idOrIp) : idOrIp.trim();
  const lifted = await liftBan(ctx.db.prisma, target);
  if (lifted.length === 0) throw DomainError.field('BAN_NOT_FOUND', 'ip', `no active ban matches "${idOrIp}"`);
  const actor = ctx.actor ?? SYSTEM_ACTOR;
  for (const ban of lifted) {
    await recordAudit(ctx.db.prisma, { actor, action: 'ban.lift', targetType: 'ban', targetId: ban.id, before: { ...ban, liftedAt: null, isActive: true } });
    await notifyChange(ctx.db, 'ban', ban.ip, { reason: 'lifted', id: ban.id });
    ctx.events?.publish({ type: 'ban.lifted', ip: ban.ip });
  }
  return lifted;
}
