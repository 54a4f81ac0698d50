// Server settings (applied live through the change feed), the TLS certificate upload, passive-mode
// diagnostics and whether email works.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DomainError, notifyChange } from '@ftp-panel/core';
import { getServerSettings, listLoginEvents, recordAudit, updateServerSettings, type ServerSettings, type ServerSettingsInput } from '@ftp-panel/db';
import { DATE, NO_CONTENT } from '../schemas.ts';
import { currentCertificate, validateCertificatePair } from '../services/certificates.ts';
import {
  checkPortsCached,
  ephemeralRange,
  firewallRules,
  ftpSelfTest,
  isPrivateAddress,
  overlapWarning,
  unbindablePortsWarning,
  type Warning,
} from '../services/diagnostics.ts';

const CERTIFICATE = {
  type: ['object', 'null'],
  properties: { subject: { type: 'string' }, issuer: { type: 'string' }, expiresAt: DATE, isSelfSigned: { type: 'boolean' } },
} as const;

const WRITABLE = {
  pasvPortMin: { type: 'integer', minimum: 0, maximum: 65535 },
  pasvPortMax: { type: 'integer', minimum: 0, maximum: 65535 },
  pasvAdvertisedHost: { type: ['string', 'null'], maxLength: 253 },
  pasvOverrides: {
    type: 'array',
    maxItems: 50,
    items: { type: 'object', required: ['cidr', 'host'], additionalProperties: false, properties: { cidr: { type: 'string' }, host: { type: 'string', minLength: 1, maxLength: 253 } } },
  },
  isActiveModeAllowed: { type: 'boolean' },
  tlsMode: { type: 'string', enum: ['DISABLED', 'OPTIONAL', 'REQUIRED'] },
  isProtPRequired: { type: 'boolean' },
  isTlsSessionReuseRequired: { type: 'boolean' },
  isTlsCloseNotifyRequired: { type: 'boolean' },
  banner: { type: 'string', maxLength: 500 },
  maxSessions: { type: 'integer', minimum: 0, maximum: 1_000_000 },
  maxSessionsPerIp: { type: 'integer', minimum: 0, maximum: 1_000_000 },
  idleTimeoutSec: { type: 'integer', minimum: 0, maximum: 86_400 },
  loginTimeoutSec: { type: 'integer', minimum: 0, maximum: 3_600 },
  dataTimeoutSec: { type: 'integer', minimum: 0, maximum: 3_600 },
  maxLoginFailures: { type: 'integer', minimum: 0, maximum: 1_000 },
  banFailures: { type: 'integer', minimum: 0, maximum: 100_000 },
  banWindowSec: { type: 'integer', minimum: 1, maximum: 30 * 86_400 },
  banDurationSec: { type: 'integer', minimum: 0, maximum: 365 * 86_400 },
  minFreeDiskMb: { type: 'integer', minimum: 0 },
  retentionDays: { type: 'integer', minimum: 1, maximum: 3_650 },
} as const;

const SETTINGS = {
  type: 'object',
  properties: {
    ...WRITABLE,
    tlsCertPem: { type: ['string', 'null'] },
    version: { type: 'integer' },
    updatedAt: DATE,
    certificate: CERTIFICATE,
  },
} as const;

const WARNINGS = {
  type: 'array',
  items: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' }, field: { type: 'string' } } },
} as const;

const PASV_LOW = 1024;

function validateRange(current: ServerSettings, input: ServerSettingsInput): void {
  if (input.pasvPortMin === undefined && input.pasvPortMax === undefined) return;
  const min = input.pasvPortMin ?? current.pasvPortMin;
  const max = input.pasvPortMax ?? current.pasvPortMax;
  const field = input.pasvPortMin !== undefined ? 'pasvPortMin' : 'pasvPortMax';
  if (min < PASV_LOW || min > 65535) throw DomainError.field('VALIDATION_FAILED', 'pasvPortMin', `The first passive port must be within ${PASV_LOW}-65535.`);
  if (max < PASV_LOW || max > 65535) throw DomainError.field('VALIDATION_FAILED', 'pasvPortMax', `The last passive port must be within ${PASV_LOW}-65535.`);
  if (min > max) throw DomainError.field('VALIDATION_FAILED', field, 'The first passive port must not be above the last one.');
  if (max - min < 1) throw DomainError.field('VALIDATION_FAILED', field, 'The passive range needs at least 2 ports (one per simultaneous transfer).');
}

function validateText(input: ServerSettingsInput): void {
  if (input.banner !== undefined && /[\0\r]/.test(input.banner)) {
    throw DomainError.field('VALIDATION_FAILED', 'banner', 'The banner may not contain control characters.');
  }
  const host = input.pasvAdvertisedHost;
  if (host && !/^[A-Za-z0-9.:-]+$/.test(host)) {
    throw DomainError.field('VALIDATION_FAILED', 'pasvAdvertisedHost', 'Give an IP address or a host name.');
  }
}

function withoutPems(s: ServerSettings): Omit<ServerSettings, 'tlsCertPem' | 'tlsKeyPem'> {
  const { tlsCertPem: _cert, tlsKeyPem: _key, ...rest } = s;
  return rest;
}

export async function settingsRoutes(app: FastifyInstance): Promise<void> {
  const { db, config } = app.ctx;
  const read = async () => getServerSettings(db.prisma, { pasvPortMin: config.pasvRange.min, pasvPortMax: config.pasvRange.max });
  const present = async (s: ServerSettings) => ({ ...s, certificate: await currentCertificate(s.tlsCertPem, config.dataDir) });
  const applied = async (request: FastifyRequest, action: string, before: ServerSettings, after: ServerSettings) => {
    await notifyChange(db, 'settings');
    await recordAudit(db.prisma, { actor: request.actor, action, targetType: 'settings', targetId: 'server', before: withoutPems(before), after: withoutPems(after) });
    app.bus.publish({ type: 'settings.updated' });
  };

  app.get(
    '/settings',
    { config: { access: { perm: 'settings:read' } }, schema: { tags: ['settings'], summary: 'Server settings (the TLS key never leaves)', response: { 200: SETTINGS } } },
    async (_request, reply) => {
      const settings = await read();
      reply.header('etag', `"v${settings.version}"`);
      return present(settings);
    },
  );

  app.patch<{ Body: ServerSettingsInput }>(
    '/settings',
    {
      config: { access: { perm: 'settings:write' } },
      schema: {
        tags: ['settings'],
        summary: 'Change settings; applied live. If-Match "v<version>" refuses overwriting a newer change',
        body: { type: 'object', additionalProperties: false, properties: WRITABLE },
        response: { 200: { type: 'object', properties: { settings: SETTINGS, warnings: WARNINGS } } },
      },
    },
    async (request, reply) => {
      const before = await read();
      validateRange(before, request.body);
      validateText(request.body);
      const match = /^\s*(?:W\/)?"v(\d+)"\s*$/.exec(request.headers['if-match'] ?? '');
      const after = await updateServerSettings(db.prisma, request.body, match ? Number(match[1]) : undefined);
      if (!after) throw new DomainError('VERSION_CONFLICT', 'The settings were changed by someone else meanwhile. Reload and try again.');
      await applied(request, 'settings.update', before, after);
      const warnings: Warning[] = [];
      const overlap = overlapWarning({ min: after.pasvPortMin, max: after.pasvPortMax }, await ephemeralRange(app.tuning.ephemeralRangeFile));
      if (overlap && after.pasvPortMin > 0) warnings.push(overlap);
      reply.header('etag', `"v${after.version}"`);
      return { settings: await present(after), warnings };
    },
  );

  app.put<{ Body: { certPem: string; keyPem: string } }>(
    '/settings/tls',
    {
      config: { access: { perm: 'settings:write' } },
      schema: {
        tags: ['settings'],
        summary: 'Upload the FTPS certificate and key (PEM); checked and applied live',
        body: {
          type: 'object',
          required: ['certPem', 'keyPem'],
          additionalProperties: false,
          properties: { certPem: { type: 'string', minLength: 1, maxLength: 100_000 }, keyPem: { type: 'string', minLength: 1, maxLength: 100_000 } },
        },
        response: { 200: CERTIFICATE },
      },
    },
    async (request) => {
      const info = validateCertificatePair(request.body.certPem, request.body.keyPem);
      const before = await read();
      const after = (await updateServerSettings(db.prisma, { tlsCertPem: request.body.certPem, tlsKeyPem: request.body.keyPem })) as ServerSettings;
      await applied(request, 'settings.tls', before, after);
      return info;
    },
  );

  app.delete(
    '/settings/tls',
    {
      config: { access: { perm: 'settings:write' } },
      schema: { tags: ['settings'], summary: 'Forget the uploaded certificate (back to the self-signed one)', response: NO_CONTENT },
    },
    async (request, reply) => {
      const before = await read();
      const after = (await updateServerSettings(db.prisma, { tlsCertPem: null, tlsKeyPem: null })) as ServerSettings;
      await applied(request, 'settings.tls-reset', before, after);
      return reply.code(204).send();
    },
  );

  app.get(
    '/settings/smtp',
    {
      config: { access: { perm: 'settings:read' } },
      schema: {
        tags: ['settings'],
        summary: 'Whether outgoing email (password resets) is configured (SMTP_URL)',
        response: { 200: { type: 'object', properties: { isConfigured: { type: 'boolean' }, from: { type: 'string' } } } },
      },
    },
    async () => ({ isConfigured: app.mailer.isConfigured, from: app.mailer.from }),
  );

  app.get(
    '/settings/passive-diagnostics',
    {
      config: { access: { perm: 'settings:read' } },
      schema: {
        tags: ['settings'],
        summary: 'Passive mode check: addresses, bindable ports, a self-test and firewall rules',
        response: {
          200: {
            type: 'object',
            properties: {
              boundAddress: { type: 'string' },
              advertisedAddress: { type: ['string', 'null'] },
              warnings: WARNINGS,
              ports: {
                type: 'object',
                properties: {
                  total: { type: 'integer' },
                  bindable: { type: 'integer' },
                  unbindable: { type: 'array', items: { type: 'integer' } },
                  checked: { type: 'integer' },
                },
              },
              selfTest: { type: 'object', properties: { isOk: { type: 'boolean' }, message: { type: 'string' } } },
              firewall: {
                type: 'object',
                properties: { ufw: { type: 'string' }, iptables: { type: 'string' }, nftables: { type: 'string' }, firewalld: { type: 'string' } },
              },
            },
          },
        },
      },
    },
    async () => {
      const settings = await read();
      const range = { min: settings.pasvPortMin, max: settings.pasvPortMax };
      const advertised = settings.pasvAdvertisedHost ?? config.ftpPublicHost;
      const warnings: Warning[] = [];
      const recent = await listLoginEvents(db.prisma, { from: new Date(Date.now() - 7 * 24 * 3600 * 1000), limit: 200 });
      const publicClients = [...new Set(recent.items.map((l) => l.remoteIp).filter((ip) => !isPrivateAddress(ip)))];
      if (publicClients.length > 0 && (advertised === null || isPrivateAddress(advertised))) {
        warnings.push({
          code: 'PRIVATE_ADDRESS_ADVERTISED',
          field: 'pasvAdvertisedHost',
          message: `Clients connect from public addresses (e.g. ${publicClients[0]}) but passive replies advertise ${advertised ?? 'the server’s local address'}, which they cannot reach. Set the advertised address to the public IP or host name.`,
        });
      }
      const overlap = range.min > 0 ? overlapWarning(range, await ephemeralRange(app.tuning.ephemeralRangeFile)) : null;
      if (overlap) warnings.push(overlap);
      // Always afresh here (someone is looking into a problem); this also refreshes the overview's copy.
      const ports = range.min > 0 ? await checkPortsCached(range, config.ftpHost, 0) : { total: 0, bindable: 0, unbindable: [], checked: 0 };
      const unbindable = unbindablePortsWarning(ports, 'PASV_PORTS_IN_USE');
      if (unbindable) warnings.push(unbindable);
      const selfTestHost = advertised ?? (config.ftpHost === '0.0.0.0' || config.ftpHost === '::' ? '127.0.0.1' : config.ftpHost);
      const selfTest = await ftpSelfTest(selfTestHost, config.ftpPort);
      const controlPorts = [config.ftpPort, ...(config.ftpsPort ? [config.ftpsPort] : [])];
      return {
        boundAddress: `${config.ftpHost}:${config.ftpPort}`,
        advertisedAddress: advertised,
        warnings,
        ports,
        selfTest,
        firewall: firewallRules(controlPorts, range.min > 0 ? range : config.pasvRange),
      };
    },
  );
}
