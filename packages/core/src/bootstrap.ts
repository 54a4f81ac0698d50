// First start: the owner account comes from ADMIN_USERNAME/ADMIN_PASSWORD, or from a one-time
// setup link printed to the console. There is never a default password.
import { createHash, randomBytes } from 'node:crypto';
import { countAdmins, createSetupToken, consumeSetupToken, type Admin, type PrismaDb } from '@ftp-panel/db';
import { createAdmin, validateNewAdmin } from './admins/service.ts';
import { ConfigError, type AppConfig } from './config.ts';
import { DomainError } from './errors.ts';
import type { PasswordHasher } from './passwords.ts';

export const SETUP_TOKEN_TTL_MS = 24 * 60 * 60 * 1000;

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export type FirstAdminOutcome =
  | { kind: 'exists' }
  | { kind: 'created'; admin: Admin }
  | { kind: 'setup-link'; url: string };

export async function ensureFirstAdmin(
  db: PrismaDb,
  config: Pick<AppConfig, 'adminUsername' | 'adminPassword' | 'publicUrl'>,
  hasher: PasswordHasher,
): Promise<FirstAdminOutcome> {
  if ((await countAdmins(db)) > 0) return { kind: 'exists' };
  if (config.adminUsername && config.adminPassword) {
    try {
      const { admin } = await createAdmin({ db, hasher }, { username: config.adminUsername, password: config.adminPassword, role: 'OWNER' }, { passwordField: 'ADMIN_PASSWORD' });
      return { kind: 'created', admin };
    } catch (error) {
      // The same rules as every other admin; a refusal stops the start, naming the variable.
      const issue = error instanceof DomainError ? error.details[0] : undefined;
      if (!issue) throw error;
      const variable = issue.field === 'ADMIN_PASSWORD' ? 'ADMIN_PASSWORD' : 'ADMIN_USERNAME';
      throw new ConfigError(variable, issue.field === 'ADMIN_PASSWORD' ? `too weak. ${issue.message}` : issue.message);
    }
  }
  const token = randomToken();
  await createSetupToken(db, sha256(token), new Date(Date.now() + SETUP_TOKEN_TTL_MS));
  return { kind: 'setup-link', url: `${config.publicUrl}/setup?token=${token}` };
}

export class SetupError extends Error {
  constructor(
    readonly code: 'SETUP_TOKEN_INVALID' | 'SETUP_ALREADY_DONE' | 'VALIDATION_FAILED',
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** Creates the owner from a setup link; the token works once and only while no admin exists. */
export async function completeSetup(
  db: PrismaDb,
  hasher: PasswordHasher,
  input: { token: string; username: string; password: string; email?: string | null; ip?: string },
): Promise<Admin> {
  const owner = { username: input.username, password: input.password, email: input.email ?? null, role: 'OWNER' };
  validateNewAdmin(owner);
  if ((await countAdmins(db)) > 0) throw new SetupError('SETUP_ALREADY_DONE', 'Setup is already done; sign in instead.');
  if (!(await consumeSetupToken(db, sha256(input.token)))) {
    throw new SetupError('SETUP_TOKEN_INVALID', 'This setup link is invalid, used or expired. Restart the server for a new one.');
  }
  const { admin } = await createAdmin({ db, hasher }, owner, {
    auditAction: 'admin.setup',
    auditActor: (created) => ({ type: 'ADMIN', id: created.id, name: created.username, ip: input.ip ?? null }),
  });
  return admin;
}

/** True until the owner account exists. */
export async function isSetupNeeded(db: PrismaDb): Promise<boolean> {
  return (await countAdmins(db)) === 0;
}
