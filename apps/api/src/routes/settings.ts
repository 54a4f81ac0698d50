// Server settings (applied live through the change feed), the TLS certificate upload, passive-mode
// diagnostics and whether email works.
import type { FastifyRequest } from 'fastify';
import {
  describeCertificatePem,
  MAX_BANNER_LENGTH,
  MAX_HOST_LENGTH,
  listLoginLog,
  MAX_PASV_OVERRIDES,
  readSettings,
  SETTINGS_INTEGER_LIMITS,
  storeSettings,
  TLS_MODES,
  updateSettings,
  type SettingsContext,
} from '@ftp-panel/core';
import type { ServerSettings } from '@ftp-panel/db';
import { alwaysSent, DATE, described, errors, NO_CONTENT, type RoutesInstance } from '../schemas.ts';
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
  properties: {
    subject: { type: 'string' },
    issuer: { type: 'string' },
    validFrom: DATE,
    expiresAt: DATE,
    isSelfSigned: { type: 'boolean' },
    fingerprint256: { type: 'string', description: 'SHA-256 of the DER certificate, colon-separated hex' },
  },
} as const;

/** What FTPS really serves, read from the running engine (not from the stored settings). */
const SERVED = alwaysSent({
  type: 'object',
  properties: {
    isServedHere: { type: 'boolean', description: 'false: the FTP service runs on another node; this process cannot see its certificate' },
    certificate: CERTIFICATE,
    applyError: { type: ['string', 'null'], description: 'Why the stored certificate is not the one served' },
  },
} as const);

const INTEGERS = Object.fromEntries(
  Object.entries(SETTINGS_INTEGER_LIMITS).map(([name, { min, max }]) => [name, { type: 'integer', minimum: min, maximum: max }]),
) as { [K in keyof typeof SETTINGS_INTEGER_LIMITS]: { type: 'integer'; minimum: number; maximum: number } };

// Types and sizes only: the rules (passive range, hosts, CIDRs...) are core's (validateSettingsChange).
const WRITABLE = {
  ...INTEGERS,
  pasvAdvertisedHost: { type: ['string', 'null'], maxLength: MAX_HOST_LENGTH },
  pasvOverrides: {
    type: 'array',
    maxItems: MAX_PASV_OVERRIDES,
    items: { type: 'object', required: ['cidr', 'host'], additionalProperties: false, properties: { cidr: { type: 'string' }, host: { type: 'string' } } },
  },
  isActiveModeAllowed: { type: 'boolean' },
  tlsMode: { type: 'string', enum: TLS_MODES },
  isProtPRequired: { type: 'boolean' },
  isTlsSessionReuseRequired: { type: 'boolean' },
  isTlsCloseNotifyRequired: { type: 'boolean' },
  isWebhookPrivateTargetAllowed: { type: 'boolean', description: 'Webhooks may go to loopback, private, link-local and unique-local addresses (off: refused)' },
  banner: { type: 'string', maxLength: MAX_BANNER_LENGTH },
} as const;

const SETTINGS = alwaysSent({
  type: 'object',
  properties: {
    ...WRITABLE,
    tlsCertPem: { type: ['string', 'null'] },
    version: { type: 'integer' },
    updatedAt: DATE,
    certificate: CERTIFICATE,
    served: SERVED,
  },
} as const);

const WARNINGS = {
  type: 'array',
  items: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' }, field: { type: 'string' } } },
} as const;

export async function settingsRoutes(app: RoutesInstance): Promise<void> {
  const { db, config } = app.ctx;
  const seed = { pasvPortMin: config.pasvRange.min, pasvPortMax: config.pasvRange.max };
  const read = async () => readSettings({ db, seed });
  const contextOf = (request: FastifyRequest): SettingsContext => ({ db, seed, actor: request.actor, events: app.bus });
  const served = () => {
    const ftp = app.ctx.ftp;
    if (!ftp?.servedTls) return { isServedHere: false, certificate: null, applyError: null };
    const { certPem, applyError } = ftp.servedTls();
    return { isServedHere: true, certificate: certPem === null ? null : describeCertificatePem(certPem), applyError };
  };
  const present = async (s: ServerSettings) => ({ ...s, certificate: await currentCertificate(s.tlsCertPem, config.dataDir), served: served() });

  app.get(
    '/settings',
    { config: { access: { perm: 'settings:read' } }, schema: { operationId: 'getSettings', tags: ['Settings'], summary: 'Server settings (the TLS key never leaves)', response: { 200: described('The settings (ETag set)', SETTINGS) } } },
    async (_request, reply) => {
      const settings = await read();
      reply.header('etag', `"v${settings.version}"`);
      return present(settings);
    },
  );

  app.patch(
    '/settings',
    {
      config: { access: { perm: 'settings:write' } },
      schema: {
        operationId: 'updateSettings',
        tags: ['Settings'],
        summary: 'Change settings; applied live. If-Match "v<version>" refuses overwriting a newer change',
        body: { type: 'object', additionalProperties: false, properties: WRITABLE },
        response: { 200: described('The settings as stored (ETag set), and what to look at', alwaysSent({ type: 'object', properties: { settings: SETTINGS, warnings: WARNINGS } })), ...errors(412) },
      },
    },
    async (request, reply) => {
      const match = /^\s*(?:W\/)?"v(\d+)"\s*$/.exec(request.headers['if-match'] ?? '');
      const { after } = await updateSettings(contextOf(request), request.body, match ? { expectedVersion: Number(match[1]) } : {});
      const warnings: Warning[] = [];
      const overlap = overlapWarning({ min: after.pasvPortMin, max: after.pasvPortMax }, await ephemeralRange(app.tuning.ephemeralRangeFile));
      if (overlap && after.pasvPortMin > 0) warnings.push(overlap);
      reply.header('etag', `"v${after.version}"`);
      return { settings: await present(after), warnings };
    },
  );

  app.put(
    '/settings/tls',
    {
      config: { access: { perm: 'settings:write' } },
      schema: {
        operationId: 'uploadTlsCertificate',
        tags: ['Settings'],
        summary: 'Upload the FTPS certificate and key (PEM); checked and applied live',
        body: {
          type: 'object',
          required: ['certPem', 'keyPem'],
          additionalProperties: false,
          properties: { certPem: { type: 'string', minLength: 1, maxLength: 100_000 }, keyPem: { type: 'string', minLength: 1, maxLength: 100_000 } },
        },
        response: { 200: described('The uploaded certificate (applied by the FTP service within moments)', CERTIFICATE) },
      },
    },
    async (request) => {
      const info = validateCertificatePair(request.body.certPem, request.body.keyPem);
      await storeSettings(contextOf(request), { tlsCertPem: request.body.certPem, tlsKeyPem: request.body.keyPem }, { action: 'settings.tls' });
      return info;
    },
  );

  app.delete(
    '/settings/tls',
    {
      config: { access: { perm: 'settings:write' } },
      schema: { operationId: 'deleteTlsCertificate', tags: ['Settings'], summary: 'Forget the uploaded certificate (back to the self-signed one)', response: NO_CONTENT },
    },
    async (request, reply) => {
      await storeSettings(contextOf(request), { tlsCertPem: null, tlsKeyPem: null }, { action: 'settings.tls-reset' });
      return reply.code(204).send();
    },
  );

  app.get(
    '/settings/smtp',
    {
      config: { access: { perm: 'settings:read' } },
      schema: {
        operationId: 'getSmtpStatus',
        tags: ['Settings'],
        summary: 'Whether outgoing email (password resets) is configured (SMTP_URL)',
        response: { 200: described('Email state', { type: 'object', properties: { isConfigured: { type: 'boolean' }, from: { type: 'string' } } }) },
      },
    },
    async () => ({ isConfigured: app.mailer.isConfigured, from: app.mailer.from }),
  );

  app.get(
    '/settings/passive-diagnostics',
    {
      config: { access: { perm: 'settings:read' } },
      schema: {
        operationId: 'getPassiveDiagnostics',
        tags: ['Settings'],
        summary: 'Passive mode check: addresses, bindable ports, a self-test and firewall rules',
        response: {
          200: {
            type: 'object',
            description: 'What passive mode looks like from outside, and what to fix',
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
      const recent = await listLoginLog({ db: db.prisma }, { from: new Date(Date.now() - 7 * 24 * 3600 * 1000), limit: 200 });
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
