// The signed-in customer's own account: usage, limits, recent transfers, how to connect.
import { assertStrongPassword, checkAccountPassword, DomainError, listTransferLog, readSettings, setAccountPassword } from '@ftp-panel/core';
import type { Account } from '@ftp-panel/db';
import type { Caller } from '../access/caller.ts';
import { signInLimit } from '../plugins/rate-limit.ts';
import { ACCOUNT, alwaysSent, errors, NEW_PASSWORD, NO_CONTENT, PASSWORD, TRANSFER, type RoutesInstance } from '../schemas.ts';
import { serviceContext } from '../services/service-context.ts';

const { note: _note, ...CUSTOMER_ACCOUNT_PROPERTIES } = ACCOUNT.properties;

const ME = alwaysSent({
  type: 'object',
  description: 'My account, usage, limits, recent transfers and how to connect',
  properties: {
    account: alwaysSent({ type: 'object', properties: CUSTOMER_ACCOUNT_PROPERTIES }),
    quota: {
      type: 'object',
      properties: { usedBytes: { type: 'integer' }, quotaBytes: { type: 'integer' }, usedFiles: { type: 'integer' }, quotaFiles: { type: 'integer' } },
    },
    limits: { type: 'object', properties: { uploadKiBps: { type: 'integer' }, downloadKiBps: { type: 'integer' }, maxSessions: { type: 'integer' } } },
    recentTransfers: { type: 'array', items: TRANSFER },
    connection: {
      type: 'object',
      properties: {
        host: { type: 'string' },
        port: { type: 'integer' },
        ftpsPort: { type: ['integer', 'null'] },
        tlsMode: { type: 'string', enum: ['DISABLED', 'OPTIONAL', 'REQUIRED'] },
        passiveRange: { type: 'object', properties: { min: { type: 'integer' }, max: { type: 'integer' } } },
      },
    },
  },
} as const);

function customerOf(caller: Caller): Account {
  if (caller.kind !== 'customer') throw new DomainError('FORBIDDEN', 'Only customers have a "me" here.');
  return caller.account;
}

export async function meRoutes(app: RoutesInstance): Promise<void> {
  const { db, hasher, config } = app.ctx;

  app.get(
    '/me',
    { config: { access: 'customer' }, schema: { operationId: 'getMyAccount', tags: ['Portal'], summary: 'My account, usage, limits, recent transfers and connection details', response: { 200: ME } } },
    async (request) => {
      const account = customerOf(request.caller);
      const [settings, transfers] = await Promise.all([
        readSettings({ db, seed: { pasvPortMin: config.pasvRange.min, pasvPortMax: config.pasvRange.max } }),
        listTransferLog({ db: db.prisma }, { accountId: account.id, limit: 20 }),
      ]);
      return {
        account,
        quota: { usedBytes: account.usedBytes, quotaBytes: account.quotaBytes, usedFiles: account.usedFiles, quotaFiles: account.quotaFiles },
        limits: { uploadKiBps: account.uploadKiBps, downloadKiBps: account.downloadKiBps, maxSessions: account.maxSessions },
        recentTransfers: transfers.items,
        connection: {
          host: config.ftpPublicHost ?? settings.pasvAdvertisedHost ?? new URL(config.publicUrl).hostname,
          port: config.ftpPort,
          ftpsPort: config.ftpsPort,
          tlsMode: settings.tlsMode,
          passiveRange: { min: settings.pasvPortMin, max: settings.pasvPortMax },
        },
      };
    },
  );

  app.post(
    '/me/password',
    {
      config: { access: 'customer' },
      preHandler: signInLimit(app, 'me-password', app.tuning.signInPerMinute),
      schema: {
        operationId: 'changeMyPassword',
        tags: ['Portal'],
        summary: 'Change my FTP password (current password required; strength checked); my other sessions end',
        body: {
          type: 'object',
          required: ['currentPassword', 'newPassword'],
          additionalProperties: false,
          properties: { currentPassword: PASSWORD, newPassword: { ...NEW_PASSWORD, minLength: 1 } },
        },
        response: { ...NO_CONTENT, ...errors(429) },
      },
    },
    async (request, reply) => {
      const account = customerOf(request.caller);
      const current = await checkAccountPassword({ db: db.prisma, hasher }, account.username, request.body.currentPassword);
      if (!current.isValid) {
        throw DomainError.field('VALIDATION_FAILED', 'currentPassword', 'The current password is wrong.');
      }
      assertStrongPassword(request.body.newPassword, 'newPassword', [account.username, account.email ?? '']);
      const keepWebSessionId = request.caller.kind === 'customer' ? request.caller.session.id : undefined;
      await setAccountPassword(serviceContext(request), account.username, request.body.newPassword, { ...(keepWebSessionId ? { keepWebSessionId } : {}) });
      return reply.code(204).send();
    },
  );
}
