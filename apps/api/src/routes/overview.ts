// The dashboard's first screen in one request: who is online, traffic over 24 hours, failed
// logins, bans, disk, certificate, and what needs attention (overview-warnings.ts).
import { statfs } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import { getServerSettings } from '@ftp-panel/db';
import { DATE } from '../schemas.ts';
import { currentCertificate } from '../services/certificates.ts';
import { overviewWarnings } from './overview-warnings.ts';

const HOUR_MS = 60 * 60 * 1000;
const MAX_BUCKET_ROWS = 200_000;

const OVERVIEW = {
  type: 'object',
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
} as const;

export async function overviewRoutes(app: FastifyInstance): Promise<void> {
  const { db, config } = app.ctx;

  app.get('/overview', { config: { access: { perm: 'overview:read' } }, schema: { tags: ['live'], summary: 'Dashboard summary', response: { 200: OVERVIEW } } }, async () => {
    const now = Date.now();
    const since = new Date(Math.floor(now / HOUR_MS) * HOUR_MS - 23 * HOUR_MS);
    const sessions = app.ctx.ftp?.sessions() ?? [];
    const [rows, failedLogins24h, activeBans, settings, disk] = await Promise.all([
      db.prisma.transferLog.findMany({ where: { endedAt: { gte: since } }, select: { endedAt: true, direction: true, bytes: true }, take: MAX_BUCKET_ROWS }),
      db.prisma.loginEvent.count({ where: { result: 'FAILED', createdAt: { gte: new Date(now - 24 * HOUR_MS) } } }),
      db.prisma.ban.count({ where: { liftedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: new Date(now) } }] } }),
      getServerSettings(db.prisma, { pasvPortMin: config.pasvRange.min, pasvPortMax: config.pasvRange.max }),
      statfs(config.homesDir).catch(() => null),
    ]);
    const buckets = Array.from({ length: 24 }, (_, i) => ({ at: new Date(since.getTime() + i * HOUR_MS), uploadBytes: 0, downloadBytes: 0, count: 0 }));
    for (const row of rows) {
      const bucket = buckets[Math.floor((row.endedAt.getTime() - since.getTime()) / HOUR_MS)];
      if (!bucket) continue;
      bucket.count++;
      if (row.direction === 'UPLOAD') bucket.uploadBytes += Number(row.bytes);
      else bucket.downloadBytes += Number(row.bytes);
    }
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
      transfers24h: { buckets },
      currentBytesPerSecond: sessions.reduce((sum, s) => sum + (s.transfer?.bytesPerSecond ?? 0), 0),
      failedLogins24h,
      activeBans,
      homesDisk,
      certificate,
      warnings,
    };
  });
}
