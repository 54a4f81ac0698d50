// The customer portal's public endpoints: sign-in with the FTP credentials, forgotten password.
// Answers never tell whether an account exists.
import type { FastifyInstance } from 'fastify';
import {
  checkAccountPassword,
  consumeResetToken,
  createWebSession,
  DomainError,
  findAccountsForLogin,
  isAccountUsable,
  isResetTokenValid,
  issueResetLink,
} from '@ftp-panel/core';
import { setSessionCookie } from '../access/session-cookie.ts';
import { isRequestFromKnownDevice, rememberDevice } from '../access/device-cookie.ts';
import { signInLimit } from '../plugins/rate-limit.ts';
import { alwaysSent, CUSTOMER_USER, described, errors, PASSWORD, type RoutesInstance } from '../schemas.ts';
import { resetLinkContext } from '../services/reset-links.ts';
import { sessionContext } from './sign-in.ts';
import { startSecondFactor } from './two-factor.ts';
import { registerResetFlow } from './reset-flow.ts';

export const FORGOT_ANSWER = 'If an account matches, we sent a link to choose a new password to its email address. It is valid for 30 minutes.';

/** Runs after the answer went out, so its duration tells nothing. */
async function sendResetLinks(app: FastifyInstance, login: string): Promise<void> {
  if (!app.mailer.isConfigured) return;
  const accounts = (await findAccountsForLogin({ db: app.ctx.db.prisma }, login)).filter((a) => a.email && isAccountUsable(a));
  for (const account of accounts.slice(0, 5)) await issueResetLink(resetLinkContext(app), account, { isEmailWanted: true });
}

export async function portalRoutes(app: RoutesInstance): Promise<void> {
  const { db, hasher } = app.ctx;

  app.get(
    '/portal/config',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'getPortalConfig',
        tags: ['Portal'],
        summary: 'What the portal can offer (password reset by email needs SMTP)',
        response: { 200: described('What the portal offers', alwaysSent({ type: 'object', properties: { isPasswordResetAvailable: { type: 'boolean' } } })) },
      },
    },
    async () => ({ isPasswordResetAvailable: app.mailer.isConfigured }),
  );

  app.post(
    '/portal/login',
    {
      config: { access: 'public', isCsrfExempt: true },
      preHandler: signInLimit(app, 'portal-login', app.tuning.signInPerMinute, (b) => b.username, (request, name) => isRequestFromKnownDevice(request, 'customer', name)),
      schema: {
        operationId: 'signInCustomer',
        tags: ['Portal'],
        summary: 'Customer sign-in with the FTP username and password',
        body: {
          type: 'object',
          required: ['username', 'password'],
          additionalProperties: false,
          properties: { username: { type: 'string', minLength: 1, maxLength: 64 }, password: PASSWORD },
        },
        response: {
          200: described('Signed in: the session cookie is set; send csrfToken as x-csrf-token on changes', alwaysSent({ type: 'object', properties: { user: CUSTOMER_USER, csrfToken: { type: 'string' }, secondFactor: { type: 'string', enum: ['VERIFY'] } } }, 'secondFactor')),
          ...errors(401, 429),
        },
      },
    },
    async (request, reply) => {
      const { username, password } = request.body;
      const { account, isValid } = await checkAccountPassword({ db: db.prisma, hasher }, username, password);
      const failed = (reason: string, result: 'FAILED' | 'DENIED') =>
        app.bus.publish({ type: 'login.failed', accountId: account?.id ?? null, username, remoteIp: request.ip, sessionId: null, reason, channel: 'WEB', result });
      if (!account || !isValid) {
        failed('wrong username or password', 'FAILED');
        throw new DomainError('INVALID_CREDENTIALS', 'Wrong username or password.');
      }
      // Told only to someone who knows the password, so it reveals nothing to a guesser.
      if (!isAccountUsable(account)) {
        failed('account disabled or expired', 'DENIED');
        throw new DomainError('FORBIDDEN', 'This account is disabled or expired. Contact your provider.');
      }
      const pending = await startSecondFactor(request, reply, { account });
      if (pending) return { user: { kind: 'customer' as const, accountId: account.id, username }, csrfToken: pending.csrfToken, secondFactor: 'VERIFY' as const };
      const session = await createWebSession(sessionContext(app), { kind: 'CUSTOMER', accountId: account.id, ip: request.ip, userAgent: request.headers['user-agent'] });
      setSessionCookie(request, reply, session.token, app.tuning.sessionAbsoluteMs);
      rememberDevice(request, reply, 'customer', account.id);
      app.bus.publish({ type: 'login.succeeded', accountId: account.id, username, remoteIp: request.ip, sessionId: session.id, channel: 'WEB' });
      return { user: { kind: 'customer', accountId: account.id, username }, csrfToken: session.csrfToken };
    },
  );

  registerResetFlow(app, {
    prefix: '/portal',
    limitKey: 'portal',
    tag: 'Portal',
    operationIds: { forgot: 'requestPasswordReset', check: 'checkResetToken', reset: 'resetPassword' },
    summaries: {
      forgot: 'Email a reset link (the same answer whether or not the account exists)',
      check: 'Whether a reset link is still usable',
      reset: "Set a new password with a reset link's token; the account's FTP sessions end",
    },
    acceptedText: 'Accepted; a link is sent if an account matches',
    answer: FORGOT_ANSWER,
    sendLinks: (login) => sendResetLinks(app, login),
    onSendError: (error) => app.log.warn({ err: error.message }, 'reset link not sent'),
    isTokenValid: (token) => isResetTokenValid({ db: db.prisma }, token),
    consume: (token, password, ip) => consumeResetToken(resetLinkContext(app), token, password, ip),
  });
}
