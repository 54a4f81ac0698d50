// The dashboard's first screen in one request: who is online, traffic over 24 hours, failed
// logins, bans, disk, certificate, and what needs attention (overview-warnings.ts).
import { statfs } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import { readSettings, trafficOverview } from '@ftp-panel/core';
import { alwaysSent, DATE } from '../schemas.ts';
import { currentCertificate } from '../services/certificates.ts';
import { overviewWarnings } from './overview-warnings.ts';

const OVERVIEW = alwaysSent({
  type: 'object',
  description: 'Who is online, traffic, failed logins, bans, disk, certificate and warnings',
  properties: {
    sessionsOnline: { type: 'integer' },
    transfers24h: {
      type: 'object',
      properties: {
        buckets: {
          type: 'array',
          items: { type: 'object', properties: { at: DATE, uploadBytes: { type: 'integer' }, downloadBytes: { type: 'integer' }, count: { type: 'integer' } } },
        },
      },
    },
    currentBytesPerSecond: { type: 'number' },
    failedLogins24h: { type: 'integer' },
    activeBans: { type: 'integer' },
    homesDisk: { type: ['object', 'null'], properties: { totalBytes: { type: 'integer' }, freeBytes: { type: 'integer' } } },
    certificate: { type: ['object', 'null'], properties: { subject: { type: 'string' }, expiresAt: DATE, isSelfSigned: { type: 'boolean' } } },
    warnings: {
      type: 'array',
      items: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' }, severity: { type: 'string', enum: ['warning', 'info'] } } },
    },
  },
} as const);

export async function overviewRoutes(app: FastifyInstance): Promise<void> {
  const { db, config } = app.ctx;

  app.get('/overview', { config: { access: { perm: 'overview:read' } }, schema: { operationId: 'getOverview', tags: ['Overview'], summary: 'Dashboard summary', response: { 200: OVERVIEW } } }, async () => {
    const now = Date.now();
    const sessions = app.ctx.ftp?.sessions() ?? [];
    const [traffic, settings, disk] = await Promise.all([
      trafficOverview({ db }, now),
      readSettings({ db, seed: { pasvPortMin: config.pasvRange.min, pasvPortMax: config.pasvRange.max } }),
      statfs(config.homesDir).catch(() => null),
    ]);
    const certificate = await currentCertificate(settings.tlsCertPem, config.dataDir);
    const homesDisk = disk ? { totalBytes: disk.blocks * disk.bsize, freeBytes: disk.bavail * disk.bsize } : null;
    const warnings = await overviewWarnings({
      db: db.prisma,
      settings,
      certificate,
      homesDisk,
      isMailConfigured: app.mailer.isConfigured,
      ftpHost: config.ftpHost,
      ephemeralRangeFile: app.tuning.ephemeralRangeFile,
      now,
    });
    return {
      sessionsOnline: sessions.length,
      transfers24h: { buckets: traffic.buckets },
      currentBytesPerSecond: sessions.reduce((sum, s) => sum + (s.transfer?.bytesPerSecond ?? 0), 0),
      failedLogins24h: traffic.failedLogins24h,
      activeBans: traffic.activeBans,
      homesDisk,
      certificate,
      warnings,
    };
  });
}
