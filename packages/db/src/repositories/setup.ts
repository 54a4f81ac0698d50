// One-time setup links for creating the first admin.
import type { PrismaDb } from '../client.ts';

export async function createSetupToken(db: PrismaDb, tokenHash: string, expiresAt: Date): Promise<void> {
  await db.setupToken.create({ data: { tokenHash, expiresAt } });
}

/** Marks the token used; true only for an existing, unused, unexpired token (single use). */
export async function consumeSetupToken(db: PrismaDb, tokenHash: string, now = new Date()): Promise<boolean> {
  const { count } = await db.setupToken.updateMany({
    where: { tokenHash, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  return count === 1;
}

export async function isSetupTokenValid(db: PrismaDb, tokenHash: string, now = new Date()): Promise<boolean> {
  const row = await db.setupToken.findUnique({ where: { tokenHash } });
  return !!row && row.usedAt === null && row.expiresAt > now;
}
