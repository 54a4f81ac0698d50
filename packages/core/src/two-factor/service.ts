// Two-factor sign-in (TOTP) for admins and customer accounts: enrol, confirm, verify at sign-in
// (each step's code once), recovery codes (each once), disable with a code, reset for lockouts,
// and the owner's rule that every admin must use it.
import {
  claimTotpStep,
  clearTwoFactor,
  enableTwoFactor,
  findAccountByUsername,
  findAdminById,
  findAdminByUsername,
  findTwoFactorState,
  getServerSettings,
  recordAudit,
  replaceRecoveryCodes,
  saveTotpSecret,
  updateServerSettings,
  type Actor,
  type PrismaDb,
  type TwoFactorState,
} from '@ftp-panel/db';
import { DomainError } from '../errors.ts';
import { generateRecoveryCodes, generateTotpSecret, hashRecoveryCode, matchTotpStep, normaliseCode, qrCodeSvg, totpUri } from './totp.ts';

export type TwoFactorContext = { db: PrismaDb; now?: () => Date };
export type AuditedTwoFactorContext = TwoFactorContext & { actor: Actor };
/** Who signs in: an admin or a customer account (name: their username, for the app's label and the audit). */
export type TwoFactorUser = { kind: 'admin' | 'account'; id: string; name: string };
export type SecondFactorStep = 'VERIFY' | 'ENROL';
export type SecondFactorMethod = 'TOTP' | 'RECOVERY_CODE';

export const DEFAULT_TOTP_ISSUER = 'FTP panel';

function nowOf(ctx: TwoFactorContext): Date {
  return ctx.now?.() ?? new Date();
}

const subjectOf = (user: TwoFactorUser) => ({ kind: user.kind, id: user.id });

/** The issuer an authenticator app shows: the panel's host from PUBLIC_URL, or "FTP panel". */
export function totpIssuerFor(publicUrl: string | undefined): string {
  try {
    const host = publicUrl ? new URL(publicUrl).hostname : '';
    return host && host !== 'localhost' && host !== '127.0.0.1' ? host : DEFAULT_TOTP_ISSUER;
  } catch {
    return DEFAULT_TOTP_ISSUER;
  }
}

async function stateOf(ctx: TwoFactorContext, user: TwoFactorUser): Promise<TwoFactorState> {
  const state = await findTwoFactorState(ctx.db, subjectOf(user));
  if (!state) throw new DomainError(user.kind === 'admin' ? 'ADMIN_NOT_FOUND' : 'ACCOUNT_NOT_FOUND', 'This user no longer exists.');
  return state;
}

const wrongCode = () => DomainError.field('VALIDATION_FAILED', 'code', 'The code is wrong or was already used; enter the current code from your app.');

export async function twoFactorStatus(ctx: TwoFactorContext, user: TwoFactorUser): Promise<{ isEnabled: boolean; recoveryCodesLeft: number }> {
  const state = await stateOf(ctx, user);
  return { isEnabled: Boolean(state.totpEnabledAt), recoveryCodesLeft: state.totpEnabledAt ? state.recoveryCodes.length : 0 };
}

/**
 * Starts (or restarts) enrolment: a new secret, kept unconfirmed until a code from the app proves
 * it was scanned. Refused while two-factor is on (disable it first).
 */
export async function startTwoFactorEnrolment(
  ctx: TwoFactorContext & { issuer?: string },
  user: TwoFactorUser,
): Promise<{ secret: string; uri: string; qrSvg: string }> {
  const secret = generateTotpSecret();
  if (!(await saveTotpSecret(ctx.db, subjectOf(user), secret))) {
    await stateOf(ctx, user);
    throw new DomainError('FORBIDDEN', 'Two-factor sign-in is already on; turn it off first to enrol a new app.');
  }
  const uri = totpUri(secret, ctx.issuer ?? DEFAULT_TOTP_ISSUER, user.name);
  return { secret, uri, qrSvg: await qrCodeSvg(uri) };
}

/** Confirms enrolment with a code from the app; returns the ten recovery codes, shown this once. */
export async function confirmTwoFactorEnrolment(ctx: AuditedTwoFactorContext, user: TwoFactorUser, code: string): Promise<{ recoveryCodes: string[] }> {
  const state = await stateOf(ctx, user);
  if (state.totpEnabledAt) throw new DomainError('FORBIDDEN', 'Two-factor sign-in is already on.');
  if (!state.totpSecret) throw DomainError.field('VALIDATION_FAILED', 'code', 'Start the enrolment first (scan the QR code).');
  const now = nowOf(ctx);
  const step = matchTotpStep(state.totpSecret, normaliseCode(code), now);
  if (step === null) throw wrongCode();
  const recoveryCodes = generateRecoveryCodes();
  const isEnabled = await enableTwoFactor(ctx.db, subjectOf(user), { secret: state.totpSecret, step, recoveryCodeHashes: recoveryCodes.map(hashRecoveryCode), now });
  if (!isEnabled) throw DomainError.field('VALIDATION_FAILED', 'code', 'The enrolment changed meanwhile; scan the new QR code.');
  await recordAudit(ctx.db, { actor: ctx.actor, action: 'two-factor.enable', targetType: user.kind, targetId: user.name });
  return { recoveryCodes };
}

/**
 * Checks a second factor: a current TOTP code (each step's code is accepted once; a code of a
 * step at or before the last one used is refused) or an unused recovery code (then used up).
 * Null when the code is wrong, replayed or two-factor is off.
 */
export async function verifySecondFactor(
  ctx: AuditedTwoFactorContext,
  user: TwoFactorUser,
  code: string,
): Promise<{ method: SecondFactorMethod; recoveryCodesLeft: number } | null> {
  const state = await stateOf(ctx, user);
  if (!state.totpEnabledAt || !state.totpSecret) return null;
  const typed = normaliseCode(code);
  if (/^\d{6}$/.test(typed)) {
    const step = matchTotpStep(state.totpSecret, typed, nowOf(ctx));
    if (step === null || (state.totpLastStep !== null && step <= state.totpLastStep)) return null;
    // Two requests with the same code race here: the conditional update lets one through.
    if (!(await claimTotpStep(ctx.db, subjectOf(user), step))) return null;
    return { method: 'TOTP', recoveryCodesLeft: state.recoveryCodes.length };
  }
  const hash = hashRecoveryCode(typed);
  if (!state.recoveryCodes.includes(hash)) return null;
  const left = state.recoveryCodes.filter((h) => h !== hash);
  if (!(await replaceRecoveryCodes(ctx.db, subjectOf(user), state.recoveryCodesText, left))) return null;
  await recordAudit(ctx.db, { actor: ctx.actor, action: 'two-factor.recovery-code', targetType: user.kind, targetId: user.name, after: { recoveryCodesLeft: left.length } });
  return { method: 'RECOVERY_CODE', recoveryCodesLeft: left.length };
}

/** Turns two-factor off; needs a valid code (or a recovery code), so a stolen session cannot. */
export async function disableTwoFactor(ctx: AuditedTwoFactorContext, user: TwoFactorUser, code: string): Promise<void> {
  const state = await stateOf(ctx, user);
  if (!state.totpEnabledAt) throw new DomainError('FORBIDDEN', 'Two-factor sign-in is not on.');
  if (user.kind === 'admin' && (await isAdminTwoFactorRequired(ctx))) {
    throw new DomainError('FORBIDDEN', 'The owner requires two-factor sign-in for every admin; it cannot be turned off.');
  }
  if (!(await verifySecondFactor(ctx, user, code))) throw wrongCode();
  await clearTwoFactor(ctx.db, subjectOf(user));
  await recordAudit(ctx.db, { actor: ctx.actor, action: 'two-factor.disable', targetType: user.kind, targetId: user.name });
}

/** For lockouts (OWNER in the panel, `ftpadmin admin reset-2fa` on the shell): two-factor off, audited. */
export async function resetTwoFactor(ctx: AuditedTwoFactorContext, user: TwoFactorUser): Promise<{ wasEnabled: boolean }> {
  const state = await stateOf(ctx, user);
  await clearTwoFactor(ctx.db, subjectOf(user));
  await recordAudit(ctx.db, {
    actor: ctx.actor,
    action: 'two-factor.reset',
    targetType: user.kind,
    targetId: user.name,
    before: { isTwoFactorEnabled: Boolean(state.totpEnabledAt) },
    after: { isTwoFactorEnabled: false },
  });
  return { wasEnabled: Boolean(state.totpEnabledAt) };
}

export async function isAdminTwoFactorRequired(ctx: { db: PrismaDb }): Promise<boolean> {
  return (await getServerSettings(ctx.db)).isAdminTwoFactorRequired;
}

/** The owner's switch: every admin must sign in with a second factor (those without one enrol first). */
export async function setAdminTwoFactorRequired(ctx: AuditedTwoFactorContext, isRequired: boolean): Promise<void> {
  const before = await isAdminTwoFactorRequired(ctx);
  if (before === isRequired) return;
  await updateServerSettings(ctx.db, { isAdminTwoFactorRequired: isRequired });
  await recordAudit(ctx.db, {
    actor: ctx.actor,
    action: 'settings.update',
    targetType: 'settings',
    targetId: 'isAdminTwoFactorRequired',
    before: { isAdminTwoFactorRequired: before },
    after: { isAdminTwoFactorRequired: isRequired },
  });
}

/** After a correct password: what the second step is (enter a code, enrol first) or null (none). */
export async function secondFactorStepFor(ctx: TwoFactorContext, user: TwoFactorUser): Promise<SecondFactorStep | null> {
  const state = await stateOf(ctx, user);
  if (state.totpEnabledAt) return 'VERIFY';
  if (user.kind === 'admin' && (await isAdminTwoFactorRequired(ctx))) return 'ENROL';
  return null;
}

/** The admin (by id or username) whose two-factor is reset, or ADMIN_NOT_FOUND. */
export async function findTwoFactorAdmin(ctx: { db: PrismaDb }, key: { id: string } | { username: string }): Promise<TwoFactorUser> {
  const admin = 'id' in key ? await findAdminById(ctx.db, key.id) : await findAdminByUsername(ctx.db, key.username);
  if (!admin) throw new DomainError('ADMIN_NOT_FOUND', 'No such admin.');
  return { kind: 'admin', id: admin.id, name: admin.username };
}

export async function findTwoFactorAccount(ctx: { db: PrismaDb }, username: string): Promise<TwoFactorUser> {
  const account = await findAccountByUsername(ctx.db, username);
  if (!account) throw new DomainError('ACCOUNT_NOT_FOUND', 'No such account.');
  return { kind: 'account', id: account.id, name: account.username };
}
