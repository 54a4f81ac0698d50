// Two-factor (TOTP) state of an admin or a customer account. The secret and the recovery-code
// hashes are read only here and by core/two-factor; no other repository returns them.
import type { PrismaDb } from '../client.ts';

export type TwoFactorSubject = { kind: 'admin'; id: string } | { kind: 'account'; id: string };

export type TwoFactorState = {
  totpSecret: string | null;
  totpEnabledAt: Date | null;
  totpLastStep: number | null;
  /** SHA-256 hashes (hex) of the unused recovery codes */
  recoveryCodes: string[];
  /** the raw JSON text, for compare-and-set when one code is used */
  recoveryCodesText: string;
};

const SELECT = { totpSecret: true, totpEnabledAt: true, totpLastStep: true, recoveryCodes: true } as const;

type Row = { totpSecret: string | null; totpEnabledAt: Date | null; totpLastStep: number | null; recoveryCodes: string };

function parseCodes(text: string): string[] {
  try {
    const value = JSON.parse(text) as unknown;
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

function toState(row: Row): TwoFactorState {
  return {
    totpSecret: row.totpSecret,
    totpEnabledAt: row.totpEnabledAt,
    totpLastStep: row.totpLastStep,
    recoveryCodes: parseCodes(row.recoveryCodes),
    recoveryCodesText: row.recoveryCodes,
  };
}

type Data = Partial<Row>;

/** updateMany on the subject's table; returns how many rows changed (0 when `where` no longer holds). */
async function update(db: PrismaDb, subject: TwoFactorSubject, where: Record<string, unknown>, data: Data): Promise<number> {
  const filter = { id: subject.id, ...where };
  const { count } =
    subject.kind === 'admin' ? await db.admin.updateMany({ where: filter, data }) : await db.account.updateMany({ where: filter, data });
  return count;
}

export async function findTwoFactorState(db: PrismaDb, subject: TwoFactorSubject): Promise<TwoFactorState | null> {
  const row: Row | null =
    subject.kind === 'admin'
      ? await db.admin.findUnique({ where: { id: subject.id }, select: SELECT })
      : await db.account.findUnique({ where: { id: subject.id }, select: SELECT });
  return row ? toState(row) : null;
}

/** Stores a new, not yet confirmed secret; refused (false) once two-factor is enabled. */
export async function saveTotpSecret(db: PrismaDb, subject: TwoFactorSubject, secret: string): Promise<boolean> {
  return (await update(db, subject, { totpEnabledAt: null }, { totpSecret: secret, totpLastStep: null, recoveryCodes: '[]' })) === 1;
}

/** Confirms the pending secret: enabled from `now`, the step used, the recovery-code hashes. */
export async function enableTwoFactor(
  db: PrismaDb,
  subject: TwoFactorSubject,
  input: { secret: string; step: number; recoveryCodeHashes: string[]; now: Date },
): Promise<boolean> {
  const data = { totpEnabledAt: input.now, totpLastStep: input.step, recoveryCodes: JSON.stringify(input.recoveryCodeHashes) };
  return (await update(db, subject, { totpEnabledAt: null, totpSecret: input.secret }, data)) === 1;
}

/**
 * Records that the code of `step` was used. Refused (false) when that step or a later one was
 * already used: one code signs in once, even when two requests race.
 */
export async function claimTotpStep(db: PrismaDb, subject: TwoFactorSubject, step: number): Promise<boolean> {
  const where = { totpEnabledAt: { not: null }, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] };
  return (await update(db, subject, where, { totpLastStep: step })) === 1;
}

/** Replaces the recovery-code list only if it is still `expectedText` (a code is used once). */
export async function replaceRecoveryCodes(db: PrismaDb, subject: TwoFactorSubject, expectedText: string, hashes: string[]): Promise<boolean> {
  return (await update(db, subject, { recoveryCodes: expectedText }, { recoveryCodes: JSON.stringify(hashes) })) === 1;
}

/** Turns two-factor off: secret, step and recovery codes removed. */
export async function clearTwoFactor(db: PrismaDb, subject: TwoFactorSubject): Promise<void> {
  await update(db, subject, {}, { totpSecret: null, totpEnabledAt: null, totpLastStep: null, recoveryCodes: '[]' });
}

/** Whether an admin or account has confirmed two-factor sign-in. */
export async function isTwoFactorEnabledFor(db: PrismaDb, subject: TwoFactorSubject): Promise<boolean> {
  const state = await findTwoFactorState(db, subject);
  return Boolean(state?.totpEnabledAt);
}

/** Web sessions waiting for the second factor: only the sign-in step may use them. */
export async function insertPendingWebSession(
  db: PrismaDb,
  input: { tokenHash: string; kind: 'ADMIN' | 'CUSTOMER'; adminId: string | null; accountId: string | null; csrfToken: string; ip: string; userAgent: string | null; expiresAt: Date },
): Promise<{ id: string }> {
  return db.webSession.create({ data: { ...input, isTwoFactorPending: true }, select: { id: true } });
}

export async function isWebSessionTwoFactorPending(db: PrismaDb, id: string): Promise<boolean> {
  const row = await db.webSession.findUnique({ where: { id }, select: { isTwoFactorPending: true } });
  return row?.isTwoFactorPending ?? false;
}
