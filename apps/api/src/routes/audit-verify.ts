// Verifying the audit trail's hash chain: ok, or the first broken link (an edited, removed or
// un-hashed entry). OWNER and ADMIN; tokens cannot (the answer names entries and the head hash).
import type { FastifyInstance } from 'fastify';
import { verifyAuditChain } from '@ftp-panel/core';
import { DATE } from '../schemas.ts';

const CHAIN_BREAK = {
  type: ['object', 'null'],
  required: ['entryId', 'createdAt', 'action', 'problem', 'message'],
  properties: {
    entryId: { type: 'string' },
    createdAt: DATE,
    action: { type: 'string' },
    problem: { type: 'string', enum: ['CONTENT_CHANGED', 'PREVIOUS_MISMATCH', 'HASH_MISSING'] },
    message: { type: 'string' },
  },
} as const;

const REPORT = {
  type: 'object',
  description: 'ok, or the first broken link of the chain',
  required: ['isOk', 'checked', 'legacy', 'headHash', 'firstBreak'],
  properties: {
    isOk: { type: 'boolean' },
    checked: { type: 'integer', description: 'hashed entries verified (up to the break)' },
    legacy: { type: 'integer', description: 'entries written before the chain existed, not checked' },
    headHash: { type: ['string', 'null'], description: 'hash of the newest verified entry; keep it elsewhere to detect removal of the newest entries' },
    firstBreak: CHAIN_BREAK,
  },
} as const;

export async function auditVerifyRoutes(app: FastifyInstance): Promise<void> {
  app.get(
    '/audit/verify',
    {
      config: { access: { perm: 'audit:verify' } },
      schema: {
        operationId: 'verifyAuditChain',
        tags: ['Audit'],
        summary: 'Checks that no audit entry was changed or removed (hash chain) and names the first broken link',
        response: { 200: REPORT },
      },
    },
    async () => verifyAuditChain({ db: app.ctx.db.prisma }),
  );
}
