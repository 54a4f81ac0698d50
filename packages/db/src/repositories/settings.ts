// Server settings: one row, created with defaults on first read.
import type { PrismaDb } from '../client.ts';
import type { ServerSettings as SettingsRow, Prisma } from '../generated/sqlite/client.ts';

export type TlsMode = 'DISABLED' | 'OPTIONAL' | 'REQUIRED';
export type PassiveOverride = { cidr: string; host: string };

export type ServerSettings = Omit<SettingsRow, 'id' | 'pasvOverrides'> & { pasvOverrides: PassiveOverride[] };
export type ServerSettingsInput = Partial<Omit<ServerSettings, 'version' | 'updatedAt'>>;

const SETTINGS_ID = 1;

function toSettings(row: SettingsRow): ServerSettings {
  const { id: _id, pasvOverrides, ...rest } = row;
  let overrides: PassiveOverride[] = [];
  try {
    overrides = JSON.parse(pasvOverrides) as PassiveOverride[];
  } catch {
    overrides = [];
  }
  return { ...rest, pasvOverrides: overrides };
}

/** Reads the settings; the first call creates the row, seeded with `seed` (e.g. FTP_PASV_RANGE). */
export async function getServerSettings(db: PrismaDb, seed: ServerSettingsInput = {}): Promise<ServerSettings> {
  const row = await db.serverSettings.findUnique({ where: { id: SETTINGS_ID } });
  if (row) return toSettings(row);
  const data = { id: SETTINGS_ID, ...toData(seed) } as Prisma.ServerSettingsCreateInput;
  const created = await db.serverSettings.upsert({ where: { id: SETTINGS_ID }, create: data, update: {} });
  return toSettings(created);
}

function toData(input: ServerSettingsInput): Prisma.ServerSettingsUpdateInput {
  const { pasvOverrides, ...rest } = input;
  const data: Prisma.ServerSettingsUpdateInput = { ...rest };
  if (pasvOverrides !== undefined) data.pasvOverrides = JSON.stringify(pasvOverrides);
  return data;
}

export async function updateServerSettings(
  db: PrismaDb,
  input: ServerSettingsInput,
  expectedVersion?: number,
): Promise<ServerSettings | null> {
  await getServerSettings(db);
  const data = { ...toData(input), version: { increment: 1 } };
  const where = expectedVersion === undefined ? { id: SETTINGS_ID } : { id: SETTINGS_ID, version: expectedVersion };
  const { count } = await db.serverSettings.updateMany({ where, data });
  if (count === 0) return null;
  return getServerSettings(db);
}
