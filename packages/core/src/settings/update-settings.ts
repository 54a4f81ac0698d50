// Changing the server settings, from any transport: validated completely (every problem at once),
// stored under optimistic locking, audited, announced on the change feed (running FTP services
// apply it at once) and published on the bus when one is given.
import { getServerSettings, recordAudit, SYSTEM_ACTOR, updateServerSettings } from '@ftp-panel/db';
import type { Actor, Db, ServerSettings, ServerSettingsInput } from '@ftp-panel/db';
import { DomainError } from '../errors.ts';
import type { EventBus } from '../events/types.ts';
import { notifyChange } from '../events/notify.ts';
import { validateSettingsChange } from './validation.ts';

export type SettingsContext = {
  db: Db;
  actor?: Actor;
  events?: Pick<EventBus, 'publish'>;
  /** values a fresh install starts with (FTP_PASV_RANGE, FTP_PUBLIC_HOST) */
  seed?: ServerSettingsInput;
};

export type SettingsChange = { before: ServerSettings; after: ServerSettings };

function withoutPems(s: ServerSettings): Omit<ServerSettings, 'tlsCertPem' | 'tlsKeyPem'> {
  const { tlsCertPem: _cert, tlsKeyPem: _key, ...rest } = s;
  return rest;
}

export function readSettings(ctx: Pick<SettingsContext, 'db' | 'seed'>): Promise<ServerSettings> {
  return getServerSettings(ctx.db.prisma, ctx.seed ?? {});
}

/** Stores already checked values (the TLS certificate, checked by its own rules) and announces them. */
export async function storeSettings(
  ctx: SettingsContext,
  data: ServerSettingsInput,
  options: { action: string; expectedVersion?: number; before?: ServerSettings },
): Promise<SettingsChange> {
  const before = options.before ?? (await readSettings(ctx));
  const after = await updateServerSettings(ctx.db.prisma, data, options.expectedVersion);
  if (!after) throw new DomainError('VERSION_CONFLICT', 'The settings were changed by someone else meanwhile. Reload and try again.');
  await notifyChange(ctx.db, 'settings');
  await recordAudit(ctx.db.prisma, {
    actor: ctx.actor ?? SYSTEM_ACTOR,
    action: options.action,
    targetType: 'settings',
    targetId: 'server',
    before: withoutPems(before),
    after: withoutPems(after),
  });
  ctx.events?.publish({ type: 'settings.updated' });
  return { before, after };
}

/**
 * Validates and applies a change of the settings. VALIDATION_FAILED lists every problem with its
 * field path (nothing is stored then); VERSION_CONFLICT when expectedVersion is no longer current.
 */
export async function updateSettings(ctx: SettingsContext, input: Record<string, unknown>, options: { expectedVersion?: number } = {}): Promise<SettingsChange> {
  const before = await readSettings(ctx);
  const { data, issues } = validateSettingsChange(before, input);
  if (issues.length > 0) {
    const message = issues.length === 1 ? (issues[0] as { message: string }).message : `${issues.length} settings are not valid: ${issues.map((i) => i.field).join(', ')}.`;
    throw new DomainError('VALIDATION_FAILED', message, issues);
  }
  return storeSettings(ctx, data, { action: 'settings.update', before, ...(options.expectedVersion !== undefined ? { expectedVersion: options.expectedVersion } : {}) });
}
