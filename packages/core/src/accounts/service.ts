// Account use cases shared by the CLI and the REST API. Each write validates everything first
// (nothing changes on bad input), then writes the row, a change event (running FTP services drop
// cached credentials and limits) and an audit entry in one transaction.
import {
  appendChange,
  createAccount as insertAccount,
  deleteAccount as removeAccount,
  findAccountHomes,
  findAccountByUsername,
  listAccounts as queryAccounts,
  recordAudit,
  setAccountPasswordHash,
  setAccountUsage,
  updateAccount as writeAccount,
  type Account,
  type AccountInput,
  type AccountListQuery,
  type PrismaDb,
} from '@ftp-panel/db';
import { DomainError } from '../errors.ts';
import { createHome, deleteHome, homePath, HomeDirError, resolveHomeDir } from '../homes.ts';
import { generatePassword } from '../passwords.ts';
import { checkPasswordStrength } from '../password-policy.ts';
import { revokeSessionsOf } from '../web-sessions.ts';
import { actorOf, inTransaction, prismaErrorCode, type ServiceContext } from './context.ts';
import { accountToJson } from './json.ts';
import { findHomeOverlap, homeOverlapIssue } from './home-overlap.ts';
import { measureDiskUsage } from './usage.ts';
import { passwordIssue, throwIssues, usernameIssue, validateAccountFields, type AccountFields, type Issue } from './validation.ts';

export type CreateAccountInput = AccountFields & { username: string; password?: string | null };
export type UpsertAccountInput = AccountFields & { password?: string | null };

function notFound(username: string): DomainError {
  return new DomainError('ACCOUNT_NOT_FOUND', `No account named "${username}".`);
}

async function resolveHome(ctx: ServiceContext, requested: string | null | undefined, username: string, issues: Issue[]): Promise<string | undefined> {
  try {
    return await resolveHomeDir(ctx.homesDir, requested, username);
  } catch (error) {
    if (!(error instanceof HomeDirError)) throw error;
    issues.push({ code: 'HOME_OUTSIDE_ROOT', field: 'homeDir', message: 'The home directory must be a folder inside the homes root.' });
    return undefined;
  }
}

function usernameTaken(username: string): DomainError {
  return DomainError.field('USERNAME_TAKEN', 'username', `The username "${username}" is already taken.`);
}

/** Refuses a home that is, lies inside or contains another account's home (older overlaps are left as they are). */
async function checkHomeOverlap(ctx: ServiceContext, username: string, homeDir: string, exceptAccountId?: string): Promise<void> {
  const overlap = await findHomeOverlap(ctx.db, ctx.homesDir, homeDir, exceptAccountId);
  if (!overlap) return;
  // Created meanwhile under the same name: upsert turns this into an update.
  if (overlap.username === username && exceptAccountId === undefined) throw usernameTaken(username);
  throwIssues([homeOverlapIssue(homeDir, overlap)]);
}

async function makeHome(ctx: ServiceContext, homeDir: string): Promise<void> {
  try {
    await createHome(ctx.homesDir, homeDir);
  } catch (error) {
    if (error instanceof HomeDirError) throw DomainError.field('HOME_OUTSIDE_ROOT', 'homeDir', 'The home directory must be a folder inside the homes root.');
    throw error;
  }
}

/** A chosen password's problem: its form first, then the strength policy (username and email are known words). */
function chosenPasswordIssue(password: unknown, userInputs: Array<string | null | undefined>): Issue | null {
  const issue = passwordIssue(password);
  if (issue) return issue;
  const verdict = checkPasswordStrength(password as string, userInputs);
  return verdict.isOk ? null : { code: 'WEAK_PASSWORD', field: 'password', message: verdict.reason };
}

/** Password given: validated; absent (undefined, null or empty): a strong one is generated. */
function choosePassword(
  password: string | null | undefined,
  issues: Issue[],
  userInputs: Array<string | null | undefined>,
): { password: string; isGenerated: boolean } {
  if (password === undefined || password === null || password === '') return { password: generatePassword(), isGenerated: true };
  const issue = chosenPasswordIssue(password, userInputs);
  if (issue) issues.push(issue);
  return { password, isGenerated: false };
}

export async function getAccount(ctx: { db: PrismaDb }, username: string): Promise<Account> {
  const account = await findAccountByUsername(ctx.db, username);
  if (!account) throw notFound(username);
  return account;
}

export function listAccounts(ctx: { db: PrismaDb }, query: AccountListQuery = {}): Promise<{ items: Account[]; total: number }> {
  return queryAccounts(ctx.db, query);
}

export async function createAccount(
  ctx: ServiceContext,
  input: CreateAccountInput,
): Promise<{ account: Account; generatedPassword?: string }> {
  const nameIssue = usernameIssue(input.username);
  if (nameIssue) throwIssues([nameIssue]);
  const username = input.username;
  const issues: Issue[] = [];
  const data = validateAccountFields(input, issues);
  const { password, isGenerated } = choosePassword(input.password, issues, [username, input.email]);
  const homeDir = await resolveHome(ctx, input.homeDir, username, issues);
  throwIssues(issues);
  if (await findAccountByUsername(ctx.db, username)) throw usernameTaken(username);
  await checkHomeOverlap(ctx, username, homeDir as string);
  const passwordHash = await ctx.hasher.hash(password);
  await makeHome(ctx, homeDir as string);
  let account: Account;
  try {
    account = await inTransaction(ctx.db, async (tx) => {
      const created = await insertAccount(tx, { ...data, username, passwordHash, homeDir: homeDir as string });
      await appendChange(tx, 'account', username);
      await recordAudit(tx, { actor: actorOf(ctx), action: 'account.create', targetType: 'account', targetId: username, after: accountToJson(created) });
      return created;
    });
  } catch (error) {
    if (prismaErrorCode(error) === 'P2002') throw usernameTaken(username);
    throw error;
  }
  ctx.events?.publish({ type: 'account.created', accountId: account.id, username });
  return isGenerated ? { account, generatedPassword: password } : { account };
}

function quotaIssues(current: Account, data: AccountInput): Issue[] {
  const issues: Issue[] = [];
  if (data.quotaBytes !== undefined && data.quotaBytes > 0 && data.quotaBytes < current.usedBytes) {
    issues.push({ code: 'QUOTA_BELOW_USAGE', field: 'quotaBytes', message: `The account already uses ${current.usedBytes} bytes: choose a quota of at least that, or 0 for unlimited.` });
  }
  if (data.quotaFiles !== undefined && data.quotaFiles > 0 && data.quotaFiles < current.usedFiles) {
    issues.push({ code: 'QUOTA_BELOW_USAGE', field: 'quotaFiles', message: `The account already has ${current.usedFiles} files: choose a limit of at least that, or 0 for unlimited.` });
  }
  return issues;
}

function versionConflict(): DomainError {
  return new DomainError('VERSION_CONFLICT', 'The account was changed by someone else meanwhile. Reload it and try again.');
}

export async function updateAccount(
  ctx: ServiceContext,
  username: string,
  input: AccountFields,
  options: { expectedVersion?: number } = {},
): Promise<Account> {
  const current = await getAccount(ctx, username);
  const issues: Issue[] = [];
  const data = validateAccountFields(input, issues);
  if (input.homeDir !== undefined) {
    const homeDir = await resolveHome(ctx, input.homeDir, username, issues);
    if (homeDir !== undefined && homeDir !== current.homeDir) data.homeDir = homeDir;
  }
  throwIssues(issues);
  if (data.homeDir !== undefined) await checkHomeOverlap(ctx, username, data.homeDir, current.id);
  throwIssues(quotaIssues(current, data));
  const { expectedVersion } = options;
  if (expectedVersion !== undefined && expectedVersion !== current.version) throw versionConflict();
  // A new home starts empty: files are not moved (the operator may be pointing at existing data).
  if (data.homeDir !== undefined) await makeHome(ctx, data.homeDir);
  const account = await inTransaction(ctx.db, async (tx) => {
    const updated = await writeAccount(tx, username, data, expectedVersion);
    if (!updated) throw versionConflict();
    await appendChange(tx, 'account', username);
    await recordAudit(tx, {
      actor: actorOf(ctx),
      action: 'account.update',
      targetType: 'account',
      targetId: username,
      before: accountToJson(current),
      after: accountToJson(updated),
    });
    return updated;
  }).catch((error: unknown) => {
    if (prismaErrorCode(error) === 'P2025') throw notFound(username);
    throw error;
  });
  ctx.events?.publish({ type: 'account.updated', accountId: account.id, username });
  return account;
}

/** Sets (or, without a password, generates) a new password; running services drop the cached one at once. */
export async function setAccountPassword(
  ctx: ServiceContext,
  username: string,
  password?: string | null,
  options: { keepWebSessionId?: string } = {},
): Promise<{ account: Account; generatedPassword?: string }> {
  const current = await getAccount(ctx, username);
  const issues: Issue[] = [];
  const chosen = choosePassword(password, issues, [username, current.email]);
  throwIssues(issues);
  const passwordHash = await ctx.hasher.hash(chosen.password);
  const account = await inTransaction(ctx.db, async (tx) => {
    const updated = await setAccountPasswordHash(tx, username, passwordHash);
    await appendChange(tx, 'account', username, { reason: 'password' });
    await recordAudit(tx, { actor: actorOf(ctx), action: 'account.password', targetType: 'account', targetId: username, after: { version: updated.version } });
    return updated;
  }).catch((error: unknown) => {
    if (prismaErrorCode(error) === 'P2025') throw notFound(username);
    throw error;
  });
  // Whoever held the old password (an old portal tab, a taken-over browser) is signed out; only
  // the customer's own session making the change stays.
  await revokeSessionsOf(ctx, { accountId: current.id }, options.keepWebSessionId);
  ctx.events?.publish({ type: 'account.updated', accountId: current.id, username });
  return chosen.isGenerated ? { account, generatedPassword: chosen.password } : { account };
}

/** Other accounts whose home is the same folder, inside it, or around it. */
async function accountsSharingHome(db: PrismaDb, account: Account): Promise<string[]> {
  const ancestors: string[] = [];
  const parts = account.homeDir.split('/');
  for (let i = 1; i < parts.length; i++) ancestors.push(parts.slice(0, i).join('/'));
  const rows = await findAccountHomes(db, { homeDirs: [account.homeDir, ...ancestors], prefix: `${account.homeDir}/`, exceptAccountId: account.id });
  return rows.slice(0, 5).map((r) => r.username);
}

export async function deleteAccount(ctx: ServiceContext, username: string, options: { deleteHome?: boolean } = {}): Promise<Account> {
  const current = await getAccount(ctx, username);
  if (options.deleteHome) {
    const sharing = await accountsSharingHome(ctx.db, current);
    if (sharing.length > 0) {
      throw DomainError.field('VALIDATION_FAILED', 'deleteHome', `The home directory is shared with ${sharing.join(', ')}; it was not deleted. Delete the account without its home.`);
    }
  }
  await inTransaction(ctx.db, async (tx) => {
    if (!(await removeAccount(tx, username))) throw notFound(username);
    await appendChange(tx, 'account', username, { reason: 'deleted' });
    await recordAudit(tx, {
      actor: actorOf(ctx),
      action: 'account.delete',
      targetType: 'account',
      targetId: username,
      before: accountToJson(current),
      after: { isHomeDeleted: options.deleteHome === true },
    });
  });
  if (options.deleteHome) await deleteHome(ctx.homesDir, current.homeDir);
  ctx.events?.publish({ type: 'account.deleted', accountId: current.id, username });
  return current;
}

/** Idempotent create-or-update for provisioning systems (PUT). The password is set only when given. */
export async function upsertAccount(
  ctx: ServiceContext,
  username: string,
  input: UpsertAccountInput,
): Promise<{ account: Account; isCreated: boolean; generatedPassword?: string }> {
  const { password, ...fields } = input;
  const existing = await findAccountByUsername(ctx.db, username);
  if (!existing) {
    try {
      return { ...(await createAccount(ctx, { ...fields, username, password })), isCreated: true };
    } catch (error) {
      // Created by a concurrent request between the lookup and the insert: update it instead.
      if (!(error instanceof DomainError && error.code === 'USERNAME_TAKEN')) throw error;
    }
  }
  if (password !== undefined && password !== null && password !== '') {
    const issue = chosenPasswordIssue(password, [username, fields.email ?? existing?.email]);
    if (issue) throwIssues([issue]);
  }
  let account = await updateAccount(ctx, username, fields);
  if (password !== undefined && password !== null && password !== '') {
    account = (await setAccountPassword(ctx, username, password)).account;
  }
  return { account, isCreated: false };
}

/** Recounts bytes and files on disk under the home and stores them as the account's usage. */
export async function rescanAccountUsage(ctx: Pick<ServiceContext, 'db' | 'homesDir' | 'actor'>, username: string): Promise<Account> {
  const account = await getAccount(ctx, username);
  const usage = await measureDiskUsage(homePath(ctx.homesDir, account.homeDir));
  await setAccountUsage(ctx.db, account.id, usage.bytes, usage.files);
  await appendChange(ctx.db, 'account', username, { reason: 'usage' });
  return getAccount(ctx, username);
}
