// Two-factor sign-in (TOTP) for admins (/auth/two-factor) and customers (/me/two-factor): status,
// enrol (QR code made here), confirm (recovery codes shown once), disable with a code; the second
// sign-in step for a session that has only passed the password (/auth/second-factor); the owner's
// requirement and the resets for lockouts.
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  completePendingWebSession,
  confirmTwoFactorEnrolment,
  createPendingWebSession,
  disableTwoFactor,
  DomainError,
  findTwoFactorAccount,
  findTwoFactorAdmin,
  findWebSessionOwner,
  isAdminTwoFactorRequired,
  MAX_SECOND_FACTOR_FAILURES,
  PENDING_SESSION_MS,
  resetTwoFactor,
  revokeWebSession,
  secondFactorStepFor,
  setAdminTwoFactorRequired,
  startTwoFactorEnrolment,
  totpIssuerFor,
  twoFactorStatus,
  verifySecondFactor,
  type SecondFactorStep,
  type TwoFactorUser,
  type WebSessionRecord,
} from '@ftp-panel/core';
import type { Account, Admin } from '@ftp-panel/db';
import { timingSafeEqual } from 'node:crypto';
import type { Caller } from '../access/caller.ts';
import { setSessionCookie } from '../access/session-cookie.ts';
import { rememberDevice } from '../access/device-cookie.ts';
import { signInLimit } from '../plugins/rate-limit.ts';
import { ADMIN_USER, alwaysSent, CUSTOMER_USER, errors, NO_CONTENT, USERNAME_PARAMS, type RoutesInstance } from '../schemas.ts';
import { adminUser, sessionContext } from './sign-in.ts';

const CODE_BODY = {
  type: 'object',
  required: ['code'],
  additionalProperties: false,
  properties: { code: { type: 'string', minLength: 1, maxLength: 40, description: 'the 6-digit code from the app, or a recovery code' } },
} as const;
const STATUS = alwaysSent({
  type: 'object',
  description: 'Whether two-factor sign-in is on, recovery codes left, and whether it is required of me',
  properties: { isEnabled: { type: 'boolean' }, recoveryCodesLeft: { type: 'integer' }, isRequired: { type: 'boolean' } },
} as const);
const ENROLMENT = alwaysSent({
  type: 'object',
  description: 'A new secret: scan the QR code (SVG) or type the secret, then confirm with a code',
  properties: { secret: { type: 'string' }, uri: { type: 'string' }, qrSvg: { type: 'string' } },
} as const);
const RECOVERY_CODES = alwaysSent({
  type: 'object',
  description: 'Two-factor is on. The ten recovery codes, shown this once: each signs in once without the app',
  properties: { recoveryCodes: { type: 'array', items: { type: 'string' } } },
} as const);
const SIGNED_IN = alwaysSent(
  {
    type: 'object',
    description: 'Signed in: a new session cookie is set; send csrfToken as x-csrf-token on changes',
    properties: {
      user: { anyOf: [ADMIN_USER, CUSTOMER_USER] },
      csrfToken: { type: 'string' },
      recoveryCodes: { type: 'array', items: { type: 'string' }, description: 'when the step was an enrolment: shown this once' },
      recoveryCodesLeft: { type: 'integer' },
    },
  } as const,
  'recoveryCodes',
);
const ADMIN_ID_PARAMS = { type: 'object', required: ['id'], properties: { id: { type: 'string', minLength: 1, maxLength: 64 } } } as const;
const REQUIREMENT = alwaysSent({ type: 'object', description: 'Whether every admin must sign in with two factors', properties: { isAdminTwoFactorRequired: { type: 'boolean' } } } as const);

function userOfAdmin(admin: Admin): TwoFactorUser {
  return { kind: 'admin', id: admin.id, name: admin.username };
}
function userOfAccount(account: Account): TwoFactorUser {
  return { kind: 'account', id: account.id, name: account.username };
}

function signedInUser(caller: Caller): TwoFactorUser {
  if (caller.kind === 'admin') return userOfAdmin(caller.admin);
  if (caller.kind === 'customer') return userOfAccount(caller.account);
  throw new DomainError('FORBIDDEN', 'Sign in first.');
}

/**
 * Called by the admin and portal sign-in right after the password was accepted: when a second
 * factor is owed, a pending session (it can only finish the sign-in) replaces the full one.
 */
export async function startSecondFactor(
  request: FastifyRequest,
  reply: FastifyReply,
  who: { admin: Admin } | { account: Account },
): Promise<{ csrfToken: string; secondFactor: SecondFactorStep } | null> {
  const app = request.server;
  const db = app.ctx.db.prisma;
  const user = 'admin' in who ? userOfAdmin(who.admin) : userOfAccount(who.account);
  const step = await secondFactorStepFor({ db }, user);
  if (!step) return null;
  const owner = 'admin' in who ? { kind: 'ADMIN' as const, adminId: who.admin.id } : { kind: 'CUSTOMER' as const, accountId: who.account.id };
  const session = await createPendingWebSession({ db }, { ...owner, ip: request.ip, userAgent: request.headers['user-agent'] });
  setSessionCookie(request, reply, session.token, PENDING_SESSION_MS);
  return { csrfToken: session.csrfToken, secondFactor: step };
}

function isSameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

type Pending = { session: WebSessionRecord; user: TwoFactorUser; owner: { kind: 'admin'; admin: Admin } | { kind: 'customer'; account: Account } };

/** The pending session of this request (from plugins/access-guard.ts), with its CSRF token checked. */
async function pendingOf(request: FastifyRequest): Promise<Pending> {
  const caller = request.caller;
  if (caller.kind !== 'anonymous' || !caller.pending) throw new DomainError('UNAUTHENTICATED', 'Sign in with your password first.');
  const sent = request.headers['x-csrf-token'];
  if (typeof sent !== 'string' || !isSameText(sent, caller.pending.csrfToken)) {
    throw new DomainError('CSRF_FAILED', 'The security token (x-csrf-token) is missing or wrong; reload the page.');
  }
  const owner = await findWebSessionOwner({ db: request.server.ctx.db.prisma }, caller.pending);
  if (!owner) throw new DomainError('UNAUTHENTICATED', 'Sign in with your password first.');
  const user = owner.kind === 'admin' ? userOfAdmin(owner.admin) : userOfAccount(owner.account);
  return { session: caller.pending, user, owner };
}

/** Wrong codes per pending session; the session ends at MAX_SECOND_FACTOR_FAILURES. */
const failures = new Map<string, number>();

export async function twoFactorRoutes(app: RoutesInstance): Promise<void> {
  const db = app.ctx.db.prisma;
  const issuer = totpIssuerFor(app.ctx.config.publicUrl);
  const audited = (request: FastifyRequest) => ({ db, actor: request.actor });

  /** Full session under a new token once the second step is done. */
  async function finishSignIn(request: FastifyRequest, reply: FastifyReply, pending: Pending) {
    const { owner, session } = pending;
    failures.delete(session.id);
    const input = owner.kind === 'admin' ? { kind: 'ADMIN' as const, adminId: owner.admin.id } : { kind: 'CUSTOMER' as const, accountId: owner.account.id };
    const full = await completePendingWebSession(sessionContext(app), session.id, { ...input, ip: request.ip, userAgent: request.headers['user-agent'] });
    setSessionCookie(request, reply, full.token, app.tuning.sessionAbsoluteMs);
    // Only now: a browser that knew the password but not the code is no known device.
    rememberDevice(request, reply, owner.kind, owner.kind === 'admin' ? owner.admin.id : owner.account.id);
    if (owner.kind === 'customer') {
      app.bus.publish({ type: 'login.succeeded', accountId: owner.account.id, username: owner.account.username, remoteIp: request.ip, sessionId: full.id, channel: 'WEB' });
      return { user: { kind: 'customer' as const, accountId: owner.account.id, username: owner.account.username }, csrfToken: full.csrfToken };
    }
    return { user: adminUser(owner.admin), csrfToken: full.csrfToken };
  }

  async function refuse(pending: Pending, request: FastifyRequest): Promise<never> {
    const count = (failures.get(pending.session.id) ?? 0) + 1;
    if (failures.size > 10_000) failures.clear();
    failures.set(pending.session.id, count);
    request.log.info({ user: pending.user.name, ip: request.ip }, 'second factor refused');
    if (count >= MAX_SECOND_FACTOR_FAILURES) {
      failures.delete(pending.session.id);
      await revokeWebSession({ db }, pending.session.id);
      throw new DomainError('UNAUTHENTICATED', 'Too many wrong codes; sign in with your password again.');
    }
    throw DomainError.field('INVALID_CREDENTIALS', 'code', 'The code is wrong or was already used.');
  }

  app.post(
    '/auth/second-factor',
    {
      config: { access: 'public', isCsrfExempt: true },
      preHandler: signInLimit(app, 'second-factor', app.tuning.signInPerMinute),
      schema: {
        operationId: 'completeSignIn',
        tags: ['Auth', 'Portal'],
        summary: 'Second sign-in step: the code from the app or a recovery code (or, when enrolling, the first code); starts the full session',
        body: CODE_BODY,
        response: { 200: SIGNED_IN, ...errors(401, 429) },
      },
    },
    async (request, reply) => {
      const pending = await pendingOf(request);
      const step = await secondFactorStepFor({ db }, pending.user);
      if (step === 'ENROL') {
        let recoveryCodes: string[];
        try {
          ({ recoveryCodes } = await confirmTwoFactorEnrolment({ db, actor: { type: 'ADMIN', id: pending.user.id, name: pending.user.name, ip: request.ip } }, pending.user, request.body.code));
        } catch (error) {
          if (error instanceof DomainError && error.code === 'VALIDATION_FAILED') return refuse(pending, request);
          throw error;
        }
        return { ...(await finishSignIn(request, reply, pending)), recoveryCodes, recoveryCodesLeft: recoveryCodes.length };
      }
      const actor = pending.owner.kind === 'admin'
        ? { type: 'ADMIN' as const, id: pending.user.id, name: pending.user.name, ip: request.ip }
        : { type: 'CUSTOMER' as const, id: pending.user.id, name: pending.user.name, ip: request.ip };
      const result = step === 'VERIFY' ? await verifySecondFactor({ db, actor }, pending.user, request.body.code) : null;
      if (!result) return refuse(pending, request);
      return { ...(await finishSignIn(request, reply, pending)), recoveryCodesLeft: result.recoveryCodesLeft };
    },
  );

  app.post(
    '/auth/second-factor/enrol',
    {
      config: { access: 'public', isCsrfExempt: true },
      schema: {
        operationId: 'startRequiredEnrolment',
        tags: ['Auth'],
        summary: 'When the owner requires two-factor and I have none: a new secret and QR code to finish signing in',
        response: { 200: ENROLMENT, ...errors(401) },
      },
    },
    async (request) => {
      const pending = await pendingOf(request);
      if ((await secondFactorStepFor({ db }, pending.user)) !== 'ENROL') throw new DomainError('FORBIDDEN', 'Enter the code from your app instead.');
      return startTwoFactorEnrolment({ db, issuer }, pending.user);
    },
  );

  // The same four routes for admins (/auth/two-factor) and customers (/me/two-factor).
  for (const [prefix, access, tag] of [['/auth/two-factor', 'admin', 'Auth'], ['/me/two-factor', 'customer', 'Portal']] as const) {
    const who = access === 'admin' ? 'Admin' : 'Customer';
    app.get(
      prefix,
      { config: { access }, schema: { operationId: `get${who}TwoFactor`, tags: [tag], summary: 'My two-factor sign-in: on or off, recovery codes left', response: { 200: STATUS } } },
      async (request) => {
        const user = signedInUser(request.caller);
        return { ...(await twoFactorStatus({ db }, user)), isRequired: user.kind === 'admin' && (await isAdminTwoFactorRequired({ db })) };
      },
    );
    app.post(
      `${prefix}/enrol`,
      { config: { access }, schema: { operationId: `enrol${who}TwoFactor`, tags: [tag], summary: 'Start enrolment: a new secret and its QR code', response: { 200: ENROLMENT } } },
      async (request) => startTwoFactorEnrolment({ db, issuer }, signedInUser(request.caller)),
    );
    app.post(
      `${prefix}/confirm`,
      {
        config: { access },
        preHandler: signInLimit(app, `${prefix}-confirm`, app.tuning.signInPerMinute),
        schema: { operationId: `confirm${who}TwoFactor`, tags: [tag], summary: 'Confirm enrolment with a code; returns the recovery codes once', body: CODE_BODY, response: { 200: RECOVERY_CODES, ...errors(429) } },
      },
      async (request) => confirmTwoFactorEnrolment(audited(request), signedInUser(request.caller), request.body.code),
    );
    app.post(
      `${prefix}/disable`,
      {
        config: { access },
        preHandler: signInLimit(app, `${prefix}-disable`, app.tuning.signInPerMinute),
        schema: { operationId: `disable${who}TwoFactor`, tags: [tag], summary: 'Turn two-factor sign-in off (needs a current code or a recovery code)', body: CODE_BODY, response: { ...NO_CONTENT, ...errors(429) } },
      },
      async (request, reply) => {
        await disableTwoFactor(audited(request), signedInUser(request.caller), request.body.code);
        return reply.code(204).send();
      },
    );
  }

  app.delete(
    '/admins/:id/two-factor',
    {
      config: { access: { perm: 'admins:manage' } },
      schema: { operationId: 'resetAdminTwoFactor', tags: ['Admins'], summary: "Turn off an admin's two-factor sign-in (lockouts); audited", params: ADMIN_ID_PARAMS, response: { ...NO_CONTENT, ...errors(404) } },
    },
    async (request, reply) => {
      await resetTwoFactor(audited(request), await findTwoFactorAdmin({ db }, { id: request.params.id }));
      return reply.code(204).send();
    },
  );

  app.delete(
    '/accounts/:username/two-factor',
    {
      config: { access: { perm: 'accounts:write' } },
      schema: { operationId: 'resetAccountTwoFactor', tags: ['Accounts'], summary: "Turn off a customer's two-factor sign-in (lockouts); audited", params: USERNAME_PARAMS, response: { ...NO_CONTENT, ...errors(404) } },
    },
    async (request, reply) => {
      await resetTwoFactor(audited(request), await findTwoFactorAccount({ db }, request.params.username));
      return reply.code(204).send();
    },
  );

  app.get(
    '/settings/two-factor',
    { config: { access: { perm: 'settings:read' } }, schema: { operationId: 'getTwoFactorRequirement', tags: ['Settings'], summary: 'Whether every admin must use two-factor sign-in', response: { 200: REQUIREMENT } } },
    async () => ({ isAdminTwoFactorRequired: await isAdminTwoFactorRequired({ db }) }),
  );

  app.put(
    '/settings/two-factor',
    {
      config: { access: { perm: 'settings:write' } },
      schema: {
        operationId: 'setTwoFactorRequirement',
        tags: ['Settings'],
        summary: 'Require two-factor sign-in for every admin (those without it enrol at their next sign-in)',
        body: { type: 'object', required: ['isAdminTwoFactorRequired'], additionalProperties: false, properties: { isAdminTwoFactorRequired: { type: 'boolean' } } },
        response: { 200: REQUIREMENT },
      },
    },
    async (request) => {
      await setAdminTwoFactorRequired(audited(request), request.body.isAdminTwoFactorRequired);
      return { isAdminTwoFactorRequired: await isAdminTwoFactorRequired({ db }) };
    },
  );
}

