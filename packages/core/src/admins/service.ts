// Panel administrators: the use cases shared by the API, the CLI and the first start (ADMIN_* and
// the setup link). One rule set for every caller: username, role, email, the password policy, and
// at least one active OWNER at all times, checked inside the transaction that makes the change.
import {
  ADMIN_ROLES,
  appendChange,
  countActiveOwners,
  createAdmin as insertAdmin,
  deleteAdmin as removeAdmin,
  findAdminById,
  findAdminByUsername,
  findAdminCredentials,
  listAdmins as queryAdmins,
  lockActiveOwners,
  recordAudit,
  updateAdmin as writeAdmin,
  type Actor,
  type Admin,
  type AdminRole,
  type PrismaDb,
} from '@ftp-panel/db';
import { actorOf, inTransaction, prismaErrorCode } from '../accounts/context.ts';
import { throwIssues, USERNAME_RULE, type Issue } from '../accounts/validation.ts';
import { DomainError } from '../errors.ts';
import { isValidUsername } from '../homes.ts';
import { dummyPasswordHash, generatePassword, type PasswordHasher } from '../passwords.ts';
import { checkPasswordStrength } from '../password-policy.ts';
import { revokeSessionsOf } from '../web-sessions.ts';

export type AdminContext = { db: PrismaDb; hasher: PasswordHasher; actor?: Actor };
export type AdminStatus = 'ACTIVE' | 'DISABLED';
export type CreateAdminInput = { username: string; password?: string | null; role?: string; email?: string | null };
export type CreateAdminOptions = {
  /** the name a refused password is reported under (a form field, or ADMIN_PASSWORD) */
  passwordField?: string;
  /** setup records 'admin.setup', by the new owner */
  auditAction?: string;
  auditActor?: (created: Admin) => Actor;
};
export type UpdateAdminInput = { role?: AdminRole; status?: AdminStatus; email?: string | null };

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function notFound(): DomainError {
  return new DomainError('ADMIN_NOT_FOUND', 'No such administrator.');
}

function usernameTaken(username: string): DomainError {
  return DomainError.field('USERNAME_TAKEN', 'username', `An administrator named "${username}" already exists.`);
}

function snapshot(a: Admin) {
  return { username: a.username, role: a.role, status: a.status, email: a.email };
}

/** The password policy for an admin's password, naming `field` (the form input, option or variable). */
export function adminPasswordIssue(password: string, field: string, known: { username: string; email?: string | null }): Issue | null {
  const verdict = checkPasswordStrength(password, [known.username, known.email]);
  return verdict.isOk ? null : { code: 'WEAK_PASSWORD', field, message: verdict.reason };
}

/** Every problem of a new admin at once; the password is checked only when one is given. */
export function validateNewAdmin(input: CreateAdminInput, fields: { password: string } = { password: 'password' }): { role: AdminRole; email: string | null } {
  const issues: Issue[] = [];
  const role = (input.role ?? 'ADMIN').toUpperCase() as AdminRole;
  const email = input.email?.trim() || null;
  if (!isValidUsername(input.username)) issues.push({ code: 'VALIDATION_FAILED', field: 'username', message: USERNAME_RULE });
  if (!ADMIN_ROLES.includes(role)) issues.push({ code: 'VALIDATION_FAILED', field: 'role', message: `The role is one of ${ADMIN_ROLES.join(', ')}.` });
  if (email !== null && (email.length > 254 || !EMAIL_PATTERN.test(email))) {
    issues.push({ code: 'VALIDATION_FAILED', field: 'email', message: 'Enter an email address like name@example.com.' });
  }
  if (typeof input.password === 'string' && input.password !== '') {
    const issue = adminPasswordIssue(input.password, fields.password, { username: input.username, email });
    if (issue) issues.push(issue);
  }
  throwIssues(issues);
  return { role, email };
}

/**
 * Runs a change that may remove an active OWNER in one transaction that first locks the active
 * OWNERs (PostgreSQL; SQLite serialises writers), then counts them after the change: if none is
 * left, the change is rolled back. Of two concurrent demotions of the last two owners, the second
 * waits for the first, then sees it and is refused.
 */
async function keepingAnOwner<T>(
  db: PrismaDb,
  isLosingOwner: boolean,
  work: (tx: PrismaDb) => Promise<T>,
  lastOwnerError: () => DomainError,
): Promise<T> {
  return inTransaction(db, async (tx) => {
    if (isLosingOwner) await lockActiveOwners(tx);
    const result = await work(tx);
    if (isLosingOwner && (await countActiveOwners(tx)) === 0) throw lastOwnerError();
    return result;
  });
}

export function listAdmins(ctx: { db: PrismaDb }): Promise<Admin[]> {
  return queryAdmins(ctx.db);
}

/** Creates an admin; without a password one is generated and returned (shown once). */
export async function createAdmin(
  ctx: AdminContext,
  input: CreateAdminInput,
  options: CreateAdminOptions = {},
): Promise<{ admin: Admin; generatedPassword?: string }> {
  const { role, email } = validateNewAdmin(input, { password: options.passwordField ?? 'password' });
  const { username } = input;
  if (await findAdminByUsername(ctx.db, username)) throw usernameTaken(username);
  const isGenerated = !input.password;
  const password = input.password || generatePassword();
  const passwordHash = await ctx.hasher.hash(password);
  const admin = await inTransaction(ctx.db, async (tx) => {
      const created = await insertAdmin(tx, { username, passwordHash, role, email });
      await appendChange(tx, 'admin', created.id);
      const actor = options.auditActor?.(created) ?? actorOf(ctx);
      await recordAudit(tx, { actor, action: options.auditAction ?? 'admin.create', targetType: 'admin', targetId: username, after: snapshot(created) });
      return created;
    }).catch((error: unknown) => {
      if (prismaErrorCode(error) === 'P2002') throw usernameTaken(username);
      throw error;
    });
  return isGenerated ? { admin, generatedPassword: password } : { admin };
}

/** Changes role, status or email; the last active OWNER cannot be demoted or disabled. Disabling ends the admin's sessions. */
export async function updateAdmin(ctx: AdminContext, id: string, input: UpdateAdminInput): Promise<Admin> {
  const before = await findAdminById(ctx.db, id);
  if (!before) throw notFound();
  const { role, status } = input;
  const email = input.email === undefined ? undefined : input.email?.trim() || null;
  if (email && (email.length > 254 || !EMAIL_PATTERN.test(email))) {
    throw DomainError.field('VALIDATION_FAILED', 'email', 'Enter an email address like name@example.com.');
  }
  const isActiveOwner = before.role === 'OWNER' && before.status === 'ACTIVE';
  const isDemoted = role !== undefined && role !== 'OWNER';
  const after = await keepingAnOwner(
    ctx.db,
    isActiveOwner && (isDemoted || status === 'DISABLED'),
    async (tx) => {
      const updated = await writeAdmin(tx, id, { ...(role ? { role } : {}), ...(status ? { status } : {}), ...(email !== undefined ? { email } : {}) });
      await appendChange(tx, 'admin', id);
      await recordAudit(tx, { actor: actorOf(ctx), action: 'admin.update', targetType: 'admin', targetId: updated.username, before: snapshot(before), after: snapshot(updated) });
      return updated;
    },
    () => DomainError.field('VALIDATION_FAILED', isDemoted ? 'role' : 'status', 'This is the last active owner: make someone else an owner first.'),
  ).catch((error: unknown) => {
    if (prismaErrorCode(error) === 'P2025') throw notFound();
    throw error;
  });
  if (after.status === 'DISABLED') await revokeSessionsOf(ctx, { adminId: after.id });
  return after;
}

/** Removes an admin, never the last active OWNER. */
export async function deleteAdmin(ctx: AdminContext, id: string): Promise<Admin> {
  const admin = await findAdminById(ctx.db, id);
  if (!admin) throw notFound();
  await keepingAnOwner(
    ctx.db,
    admin.role === 'OWNER' && admin.status === 'ACTIVE',
    async (tx) => {
      await removeAdmin(tx, id);
      await appendChange(tx, 'admin', id, { reason: 'deleted' });
      await recordAudit(tx, { actor: actorOf(ctx), action: 'admin.delete', targetType: 'admin', targetId: admin.username, before: snapshot(admin) });
    },
    () => DomainError.field('VALIDATION_FAILED', 'id', 'This is the last active owner and cannot be removed.'),
  ).catch((error: unknown) => {
    if (prismaErrorCode(error) === 'P2025') throw notFound();
    throw error;
  });
  return admin;
}

/** An admin changes their own password: the current one proves it is them; their other sessions end. */
export async function changeOwnAdminPassword(
  ctx: AdminContext,
  admin: Admin,
  input: { currentPassword: string; newPassword: string; keepSessionId?: string },
): Promise<void> {
  const found = await findAdminCredentials(ctx.db, admin.username);
  if (!found || !(await ctx.hasher.verify(found.passwordHash, input.currentPassword))) {
    // 400, not 401: a wrong current password must not look like the session ended.
    throw DomainError.field('VALIDATION_FAILED', 'currentPassword', 'The current password is wrong.');
  }
  const issue = adminPasswordIssue(input.newPassword, 'newPassword', admin);
  if (issue) throwIssues([issue]);
  await writeAdmin(ctx.db, admin.id, { passwordHash: await ctx.hasher.hash(input.newPassword) });
  await revokeSessionsOf(ctx, { adminId: admin.id }, input.keepSessionId);
  await recordAudit(ctx.db, { actor: actorOf(ctx), action: 'admin.password', targetType: 'admin', targetId: admin.username });
}

/** Admin sign-in: the admin, or null for an unknown name, a wrong password or a disabled admin (one answer, one timing). */
export async function authenticateAdmin(ctx: AdminContext, username: string, password: string, ip: string): Promise<Admin | null> {
  const found = await findAdminCredentials(ctx.db, username);
  // Unknown names cost one verification too: the answer and its timing do not tell who exists.
  const isValid = await ctx.hasher.verify(found?.passwordHash ?? (await dummyPasswordHash(ctx.hasher)), password);
  if (!found || !isValid || found.admin.status !== 'ACTIVE') return null;
  const changes: Parameters<typeof writeAdmin>[2] = { lastLoginAt: new Date() };
  if (ctx.hasher.needsRehash(found.passwordHash)) changes.passwordHash = await ctx.hasher.hash(password);
  const admin = await writeAdmin(ctx.db, found.admin.id, changes);
  await recordAudit(ctx.db, { actor: { type: 'ADMIN', id: admin.id, name: admin.username, ip }, action: 'admin.login', targetType: 'admin', targetId: admin.username });
  return admin;
}

/**
 * Sets an admin's password without the current one (the shell's `ftpadmin admin passwd`, a reset
 * link): the policy applies, and every web session of that admin ends, except `keepSessionId`.
 */
export async function setAdminPassword(
  ctx: AdminContext,
  username: string,
  password: string,
  options: { field?: string; auditAction?: string; keepSessionId?: string } = {},
): Promise<Admin> {
  const admin = await findAdminByUsername(ctx.db, username);
  if (!admin) throw notFound();
  const issue = adminPasswordIssue(password, options.field ?? 'password', admin);
  if (issue) throwIssues([issue]);
  const updated = await writeAdmin(ctx.db, admin.id, { passwordHash: await ctx.hasher.hash(password) });
  await revokeSessionsOf(ctx, { adminId: admin.id }, options.keepSessionId);
  await recordAudit(ctx.db, { actor: actorOf(ctx), action: options.auditAction ?? 'admin.password.set', targetType: 'admin', targetId: admin.username });
  return updated;
}
