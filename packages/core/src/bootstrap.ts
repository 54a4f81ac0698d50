// First start: the owner account comes from ADMIN_USERNAME/ADMIN_PASSWORD, or from a one-time
// setup link printed to the console. There is never a default password.
import { createHash, randomBytes } from 'node:crypto';
import {
  countAdmins,
  createAdmin,
  createSetupToken,
  consumeSetupToken,
  type Admin,
  type PrismaDb,
} from '@ftp-panel/db';
import type { AppConfig } from './config.ts';
import { MIN_PASSWORD_LENGTH, type PasswordHasher } from './passwords.ts';
import { isValidUsername } from './homes.ts';

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
    if (!isValidUsername(config.adminUsername)) throw new Error('ADMIN_USERNAME: letters, digits, dot, dash and underscore only');
    const admin = await createAdmin(db, {
      username: config.adminUsername,
      passwordHash: await hasher.hash(config.adminPassword),
      role: 'OWNER',
    });
    return { kind: 'created', admin };
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
  input: { token: string; username: string; password: string; email?: string | null },
): Promise<Admin> {
  if (!isValidUsername(input.username)) {
    throw new SetupError('VALIDATION_FAILED', 'Use letters, digits, dot, dash and underscore (up to 64).', 'username');
  }
  if (input.password.length < MIN_PASSWORD_LENGTH) {
    throw new SetupError('VALIDATION_FAILED', `The password needs at least ${MIN_PASSWORD_LENGTH} characters.`, 'password');
  }
  if ((await countAdmins(db)) > 0) throw new SetupError('SETUP_ALREADY_DONE', 'Setup is already done; sign in instead.');
  const passwordHash = await hasher.hash(input.password);
  if (!(await consumeSetupToken(db, sha256(input.token)))) {
    throw new SetupError('SETUP_TOKEN_INVALID', 'This setup link is invalid, used or expired. Restart the server for a new one.');
  }
  return createAdmin(db, { username: input.username, passwordHash, role: 'OWNER', email: input.email ?? null });
}
