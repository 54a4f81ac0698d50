// The engine's authenticate hook, answered from the database: argon2id (or the credential cache),
// then account policy (status, expiry, address lists, TLS, session limit). A refusal is thrown as a
// LoginRefusal carrying its outcome (result, reason, account), which the engine hands on in the
// login:failed event; failures feed the ban policy.
import { findAccountCredentials, touchAccountLogin, upgradeAccountPasswordHash } from '@ftp-panel/db';
import type { Account, Db } from '@ftp-panel/db';
import { LoginRefusal } from '@ftp-panel/ftp-server';
import type { AuthResult, LoginFailure, SessionInfo } from '@ftp-panel/ftp-server';
import { createHome } from '../homes.ts';
import { dummyPasswordHash } from '../passwords.ts';
import type { PasswordHasher } from '../passwords.ts';
import type { AccountRegistry } from './account-registry.ts';
import type { BanGuard } from './ban-guard.ts';
import { isAddressAllowed } from '../cidr.ts';
import type { CredentialCache } from './credential-cache.ts';

const LOGIN_INCORRECT = 'Login incorrect.';
const SERVICE_UNAVAILABLE = 'Service temporarily unavailable, try again later.';
const LAST_LOGIN_RESOLUTION_MS = 60_000;

type Logger = { warn(obj: Record<string, unknown>, msg?: string): void };

export type AuthenticatorDeps = {
  db: Db;
  hasher: PasswordHasher;
  cache: CredentialCache;
  bans: BanGuard;
  accounts: AccountRegistry;
  homesDir: string;
  onAuthFailure(input: { username: string; ip: string; sessionId: string }): void;
  logger: Logger;
};

export function createAuthenticator(deps: AuthenticatorDeps) {
  const { db, hasher, cache, bans, accounts } = deps;

  const refuse = (outcome: LoginFailure, code: number, message: string, delayMs = 0): never => {
    throw new LoginRefusal(code, message, outcome, { delayMs });
  };

  const verifyPassword = async (username: string, password: string, account: Account, hash: string): Promise<boolean> => {
    if (cache.has(username, password, account.version)) return true;
    const isValid = await cache.verifyOnce(username, password, () => hasher.verify(hash, password));
    if (isValid) cache.remember(username, password, account.version);
    return isValid;
  };

  const rehashLater = (account: Account, oldHash: string, password: string): void => {
    if (!hasher.needsRehash(oldHash)) return;
    void hasher
      .hash(password)
      .then((newHash) => upgradeAccountPasswordHash(db.prisma, account.id, oldHash, newHash))
      .catch((error: unknown) => deps.logger.warn({ err: (error as Error).message }, 'password rehash failed'));
  };

  const failCredentials = async (session: SessionInfo, username: string, accountId: string | null, reason: string): Promise<never> => {
    const ip = session.remoteAddress;
    deps.onAuthFailure({ username, ip, sessionId: session.id });
    const ban = await bans.recordFailure(ip, username).catch(() => null);
    if (ban) refuse({ result: 'FAILED', reason: `${reason}; address banned`, accountId }, 421, 'Too many failed logins; your address is blocked.');
    // Slept by the engine after it releases the login slot: guessing at one name from many
    // addresses is slowed without letting the sleepers starve other logins.
    return refuse({ result: 'FAILED', reason, accountId }, 530, LOGIN_INCORRECT, bans.accountDelayMs(username));
  };

  return async function authenticate(input: { username: string; password: string; session: SessionInfo }): Promise<AuthResult> {
    const { username, password, session } = input;
    const ip = session.remoteAddress;
    if (bans.find(ip)) refuse({ result: 'BANNED', reason: 'address banned', accountId: null }, 421, 'Your address is blocked.');

    // Database away: a temporary answer (421), never 530, which makes clients forget saved
    // passwords; and not a failed login, so no ban counts it.
    const found = await findAccountCredentials(db.prisma, username).catch((error: unknown) => {
      deps.logger.warn({ err: (error as Error).message }, 'account lookup failed; login refused with 421');
      return refuse({ result: 'DENIED', reason: 'database unavailable', accountId: null }, 421, SERVICE_UNAVAILABLE);
    });
    if (!found) {
      // Same work as for a real account, so the answer time does not reveal who exists.
      await hasher.verify(await dummyPasswordHash(hasher), password);
      return failCredentials(session, username, null, 'unknown user');
    }
    const { account, passwordHash } = found;
    if (!(await verifyPassword(username, password, account, passwordHash))) {
      return failCredentials(session, username, account.id, 'wrong password');
    }
    const denied = (reason: string, code = 530, message = LOGIN_INCORRECT): never =>
      refuse({ result: 'DENIED', reason, accountId: account.id }, code, message);
    if (account.status !== 'ACTIVE') denied('account disabled');
    if (account.expiresAt && account.expiresAt.getTime() <= Date.now()) denied('account expired');
    if (!isAddressAllowed(ip, account.allowedCidrs, account.deniedCidrs)) denied('address not allowed for this account');
    if (account.requireTls && !session.isTls) denied('TLS required', 530, 'This account requires TLS (use AUTH TLS).');
    bans.recordSuccess(ip, username);
    rehashLater(account, passwordHash, password);

    const home = await createHome(deps.homesDir, account.homeDir).catch(() => null);
    if (!home) denied('home directory unusable', 530, LOGIN_INCORRECT);
    // Checked and taken in one synchronous step: parallel logins cannot both pass the limit.
    if (account.maxSessions > 0 && accounts.sessionCount(account.id) >= account.maxSessions) {
      denied('too many sessions', 530, `Too many sessions for this account (limit ${account.maxSessions}).`);
    }
    const state = accounts.acquire(account, session.id);
    // A login storm should not become a write storm: the time is refreshed at most once a minute.
    if (!account.lastLoginAt || Date.now() - account.lastLoginAt.getTime() > LAST_LOGIN_RESOLUTION_MS) {
      void touchAccountLogin(db.prisma, account.id).catch(() => {});
    }
    return {
      accountId: account.id,
      home: home as string,
      permissions: state.permissions,
      isTlsRequired: account.requireTls,
      // undefined lets the engine apply the server setting (ServerSettings.isTlsSessionReuseRequired).
      isTlsSessionReuseRequired: account.isTlsSessionReuseRequired ?? undefined,
      bandwidth: { upload: state.upload, download: state.download },
      quota: state.ledger.handler(),
    };
  };
}
