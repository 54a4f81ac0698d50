// FTP accounts for admins and provisioning tokens. Writes go through the account service (change
// feed + audit + bus events); disabling or deleting an account also ends its live FTP sessions.
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  auditAction,
  createAccount,
  deleteAccount,
  DomainError,
  getAccount,
  copyResetLink,
  listAccounts,
  rescanAccountUsage,
  sendResetLink,
  setAccountPassword,
  updateAccount,
  upsertAccount,
} from '@ftp-panel/core';
import type { Account } from '@ftp-panel/db';
import {
  ACCOUNT,
  ACCOUNT_FIELDS,
  alwaysSent,
  described,
  errors,
  LIVE_SESSION,
  listOf,
  NO_CONTENT,
  PAGE_QUERY,
  pageOf,
  PASSWORD,
  USERNAME_PARAMS,
  type RoutesInstance,
} from '../schemas.ts';
import { serviceContext } from '../services/service-context.ts';
import { resetLinkContext } from '../services/reset-links.ts';

const ACCOUNT_WITH_PASSWORD = alwaysSent(
  {
    type: 'object',
    properties: { account: ACCOUNT, password: { type: 'string', description: 'the generated password, shown once' } },
  } as const,
  'password',
);

export function etagOf(account: Pick<Account, 'version'>): string {
  return `"v${account.version}"`;
}

/** If-Match: "v3" (or W/"v3"); "*" or absent = no check. A value we cannot read never matches. */
export function expectedVersion(request: FastifyRequest): number | undefined {
  const header = request.headers['if-match'];
  if (header === undefined || header.trim() === '*') return undefined;
  const match = /^\s*(?:W\/)?"v(\d+)"\s*$/.exec(header);
  if (!match) throw new DomainError('VERSION_CONFLICT', 'If-Match must be the ETag you read, like "v3".');
  return Number(match[1]);
}

function withPassword(account: Account, password: string | undefined) {
  return password === undefined ? { account } : { account, password };
}

function kickIfLocked(request: FastifyRequest, before: Account | null, after: Account): void {
  const isLocked = after.status === 'DISABLED' || (after.expiresAt !== null && after.expiresAt <= new Date());
  if (isLocked && (before === null || before.status !== after.status || before.expiresAt?.getTime() !== after.expiresAt?.getTime())) {
    request.server.ctx.ftp?.kickAccount(after.username);
  }
}

function replyAccount(reply: FastifyReply, account: Account): Account {
  reply.header('etag', etagOf(account));
  return account;
}

export async function accountRoutes(app: RoutesInstance): Promise<void> {
  const { db } = app.ctx;
  const read = { access: { perm: 'accounts:read' } } as const;
  const write = { access: { perm: 'accounts:write' } } as const;

  app.get(
    '/accounts',
    {
      config: read,
      schema: {
        operationId: 'listAccounts',
        tags: ['Accounts'],
        summary: 'List accounts (search, filter, sort, paginate)',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            ...PAGE_QUERY,
            search: { type: 'string', maxLength: 200 },
            status: { type: 'string', enum: ['ACTIVE', 'DISABLED'] },
            overQuota: { type: 'boolean' },
            sort: { type: 'string', enum: ['username', 'createdAt', 'lastLoginAt', 'usedBytes'] },
          },
        },
        response: { 200: described('One page of accounts', listOf(ACCOUNT)) },
      },
    },
    async (request) => {
      const q = request.query;
      const { items, total } = await listAccounts(
        { db: db.prisma },
        {
          ...(q.search ? { search: q.search } : {}),
          ...(q.status ? { status: q.status } : {}),
          ...(q.overQuota ? { isOverQuota: true } : {}),
          sort: q.sort ?? 'username',
          order: q.order ?? 'asc',
          ...pageOf(q),
        },
      );
      return { items, total, page: q.page, pageSize: q.pageSize };
    },
  );

  app.post(
    '/accounts',
    {
      config: write,
      schema: {
        operationId: 'createAccount',
        tags: ['Accounts'],
        summary: 'Create an account (a strong password is generated and returned once when none is given)',
        body: {
          type: 'object',
          required: ['username'],
          additionalProperties: false,
          properties: { username: { type: 'string', minLength: 1, maxLength: 64 }, password: PASSWORD, ...ACCOUNT_FIELDS },
        },
        response: { 201: described('Created (ETag and Location set); password only when it was generated', ACCOUNT_WITH_PASSWORD), ...errors(409) },
      },
    },
    async (request, reply) => {
      const { account, generatedPassword } = await createAccount(serviceContext(request), request.body);
      reply.header('etag', etagOf(account)).header('location', `/api/v1/accounts/${encodeURIComponent(account.username)}`);
      return reply.code(201).send(withPassword(account, generatedPassword));
    },
  );

  app.get(
    '/accounts/:username',
    {
      config: read,
      schema: {
        operationId: 'getAccount',
        tags: ['Accounts'],
        summary: 'One account (ETag: "v<version>")',
        params: USERNAME_PARAMS,
        response: { 200: described('The account (ETag set)', ACCOUNT), ...errors(404) },
      },
    },
    async (request, reply) => replyAccount(reply, await getAccount({ db: db.prisma }, request.params.username)),
  );

  app.patch(
    '/accounts/:username',
    {
      config: write,
      schema: {
        operationId: 'updateAccount',
        tags: ['Accounts'],
        summary: 'Change an account; send If-Match with the ETag to refuse overwriting a newer change (412)',
        params: USERNAME_PARAMS,
        headers: { type: 'object', properties: { 'if-match': { type: 'string' } } },
        body: { type: 'object', additionalProperties: false, properties: ACCOUNT_FIELDS },
        response: { 200: described('The changed account (ETag set)', ACCOUNT), ...errors(404, 409, 412) },
      },
    },
    async (request, reply) => {
      const version = expectedVersion(request);
      const ctx = serviceContext(request);
      const before = await getAccount(ctx, request.params.username);
      const account = await updateAccount(ctx, request.params.username, request.body, version === undefined ? {} : { expectedVersion: version });
      kickIfLocked(request, before, account);
      return replyAccount(reply, account);
    },
  );

  app.put(
    '/accounts/:username',
    {
      config: write,
      schema: {
        operationId: 'putAccount',
        tags: ['Accounts'],
        summary: 'Create or update idempotently (provisioning): 201 created, 200 updated',
        params: USERNAME_PARAMS,
        body: { type: 'object', additionalProperties: false, properties: { password: PASSWORD, ...ACCOUNT_FIELDS } },
        response: {
          200: described('Updated (ETag set)', ACCOUNT_WITH_PASSWORD),
          201: described('Created (ETag set); password only when it was generated', ACCOUNT_WITH_PASSWORD),
          ...errors(409, 412),
        },
      },
    },
    async (request, reply) => {
      const version = expectedVersion(request);
      const ctx = serviceContext(request);
      const before = await getAccount(ctx, request.params.username).catch(() => null);
      if (before && version !== undefined && before.version !== version) {
        throw new DomainError('VERSION_CONFLICT', 'The account was changed by someone else meanwhile. Reload it and try again.');
      }
      const result = await upsertAccount(ctx, request.params.username, request.body);
      kickIfLocked(request, before, result.account);
      reply.header('etag', etagOf(result.account));
      return reply.code(result.isCreated ? 201 : 200).send(withPassword(result.account, result.generatedPassword));
    },
  );

  app.delete(
    '/accounts/:username',
    {
      config: write,
      schema: {
        operationId: 'deleteAccount',
        tags: ['Accounts'],
        summary: 'Delete an account (and its home with deleteHome=true); its FTP sessions end',
        params: USERNAME_PARAMS,
        querystring: { type: 'object', additionalProperties: false, properties: { deleteHome: { type: 'boolean', default: false } } },
        response: { ...NO_CONTENT, ...errors(404) },
      },
    },
    async (request, reply) => {
      await deleteAccount(serviceContext(request), request.params.username, { deleteHome: request.query.deleteHome === true });
      app.ctx.ftp?.kickAccount(request.params.username);
      return reply.code(204).send();
    },
  );

  app.post(
    '/accounts/:username/password',
    {
      config: write,
      schema: {
        operationId: 'setAccountPassword',
        tags: ['Accounts'],
        summary: 'Set a password, or generate one (returned once) when none is given',
        params: USERNAME_PARAMS,
        body: { type: ['object', 'null'], additionalProperties: false, properties: { password: PASSWORD } },
        response: { 200: described('Set; password only when it was generated', { type: 'object', required: [], properties: { password: { type: 'string' } } }), ...errors(404) },
      },
    },
    async (request) => {
      const { generatedPassword } = await setAccountPassword(serviceContext(request), request.params.username, request.body?.password);
      return generatedPassword === undefined ? {} : { password: generatedPassword };
    },
  );

  // The link itself only for OWNER and ADMIN (they may set the password anyway); SUPPORT can only
  // have it sent to the customer's own email (core/reset-links.ts).
  app.post(
    '/accounts/:username/reset-link',
    {
      config: write,
      schema: {
        operationId: 'createAccountResetLink',
        tags: ['Accounts'],
        summary: 'A single-use password-reset link to hand to the customer (not emailed; audited as account.reset_link.copy)',
        params: USERNAME_PARAMS,
        response: {
          200: described('The link (valid until expiresAt)', alwaysSent({ type: 'object', properties: { url: { type: 'string' }, expiresAt: { type: 'string', format: 'date-time' } } })),
          ...errors(404),
        },
      },
    },
    async (request) => copyResetLink({ ...resetLinkContext(app), actor: request.actor }, request.params.username),
  );

  app.post(
    '/accounts/:username/reset-link/send',
    {
      config: { access: { perm: 'accounts:reset-link' } },
      schema: {
        operationId: 'sendAccountResetLink',
        tags: ['Accounts'],
        summary: "Email a single-use password-reset link to the account's own address (the link is not returned)",
        params: USERNAME_PARAMS,
        response: {
          202: described('Sent to email; valid until expiresAt', alwaysSent({ type: 'object', properties: { email: { type: 'string' }, expiresAt: { type: 'string', format: 'date-time' } } })),
          ...errors(404, 409, 503),
        },
      },
    },
    async (request, reply) => reply.code(202).send(await sendResetLink({ ...resetLinkContext(app), actor: request.actor }, request.params.username)),
  );

  app.post(
    '/accounts/:username/rescan',
    {
      config: write,
      schema: {
        operationId: 'rescanAccountUsage',
        tags: ['Accounts'],
        summary: 'Recount disk usage of the home',
        params: USERNAME_PARAMS,
        response: { 200: described('The account with its usage recounted (ETag set)', ACCOUNT), ...errors(404) },
      },
    },
    async (request, reply) => replyAccount(reply, await rescanAccountUsage(serviceContext(request), request.params.username)),
  );

  app.get(
    '/accounts/:username/sessions',
    {
      config: { access: { perm: 'sessions:read' } },
      schema: {
        operationId: 'listAccountSessions',
        tags: ['Accounts', 'Sessions'],
        summary: "The account's live FTP sessions",
        params: USERNAME_PARAMS,
        response: { 200: described("The account's sessions", { type: 'array', items: LIVE_SESSION }), ...errors(404) },
      },
    },
    async (request) => {
      const account = await getAccount({ db: db.prisma }, request.params.username);
      return (app.ctx.ftp?.sessions() ?? []).filter((s) => s.accountId === account.id || s.username === account.username);
    },
  );

  app.delete(
    '/accounts/:username/sessions',
    {
      config: { access: { perm: 'sessions:write' } },
      schema: {
        operationId: 'closeAccountSessions',
        tags: ['Accounts', 'Sessions'],
        summary: "End the account's FTP sessions",
        params: USERNAME_PARAMS,
        response: { ...NO_CONTENT, ...errors(404) },
      },
    },
    async (request, reply) => {
      const account = await getAccount({ db: db.prisma }, request.params.username);
      const count = app.ctx.ftp?.kickAccount(account.username) ?? 0;
      await auditAction({ db: db.prisma, actor: request.actor }, { action: 'session.kick-account', targetType: 'account', targetId: account.username, after: { sessions: count } });
      return reply.code(204).send();
    },
  );
}
