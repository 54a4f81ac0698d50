// Known devices: a browser that signed in successfully carries a cookie signed with a server key
// (HMAC-SHA256, key in DATA_DIR/device-key, made at first use, mode 0600) and bound to the admin or
// account id. Such a browser is exempt from the per-username sign-in limit, so guessing the owner's
// password from elsewhere cannot lock the owner out; the per-IP limit and the password still apply.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { findAccountByUsername, findAdminByUsername, type PrismaDb } from '@ftp-panel/db';

export const DEVICE_KEY_FILE = 'device-key';
/** How long a device stays known after its last successful sign-in. */
export const DEVICE_TRUST_MS = 180 * 24 * 60 * 60 * 1000;

export type DeviceKind = 'admin' | 'customer';

const keys = new Map<string, Buffer>();

/** The signing key under dataDir: read, or created once (0600) when missing. */
export function loadDeviceKey(dataDir: string): Buffer {
  const file = path.join(dataDir, DEVICE_KEY_FILE);
  const cached = keys.get(file);
  if (cached) return cached;
  let hex: string;
  try {
    hex = readFileSync(file, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    try {
      // 'wx': of two processes starting at once, one writes and the other reads its key.
      writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    } catch (raced) {
      if ((raced as NodeJS.ErrnoException).code !== 'EEXIST') throw raced;
    }
    hex = readFileSync(file, 'utf8').trim();
  }
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new Error(`${file} is not a device key (64 hex characters); remove it to make a new one`);
  const key = Buffer.from(hex, 'hex');
  keys.set(file, key);
  return key;
}

function sign(key: Buffer, payload: string): string {
  return createHmac('sha256', key).update(payload).digest('base64url');
}

/** The cookie value for a device that just signed in as this admin or account. */
export function issueDeviceToken(key: Buffer, kind: DeviceKind, id: string, now = new Date()): string {
  const payload = `v1.${kind}.${id}.${Math.floor(now.getTime() / 1000)}`;
  return `${payload}.${sign(key, payload)}`;
}

/** The id a device token is bound to, when its signature holds and it is younger than DEVICE_TRUST_MS. */
export function verifyDeviceToken(key: Buffer, token: string, kind: DeviceKind, now = new Date()): string | null {
  const parts = token.split('.');
  if (parts.length !== 5 || parts[0] !== 'v1' || parts[1] !== kind) return null;
  const payload = parts.slice(0, 4).join('.');
  const expected = Buffer.from(sign(key, payload));
  const sent = Buffer.from(parts[4] as string);
  if (expected.length !== sent.length || !timingSafeEqual(expected, sent)) return null;
  const issuedAt = Number(parts[3]) * 1000;
  if (!Number.isFinite(issuedAt) || now.getTime() - issuedAt > DEVICE_TRUST_MS || issuedAt - now.getTime() > 60_000) return null;
  return parts[2] as string;
}

/** Whether `token` marks a device that signed in before as the admin or account named `username`. */
export async function isKnownDevice(
  ctx: { db: PrismaDb; dataDir: string; now?: () => Date },
  kind: DeviceKind,
  username: string,
  token: string | undefined,
): Promise<boolean> {
  if (!token || !username) return false;
  const id = verifyDeviceToken(loadDeviceKey(ctx.dataDir), token, kind, ctx.now?.() ?? new Date());
  if (!id) return false;
  const owner = kind === 'admin' ? await findAdminByUsername(ctx.db, username) : await findAccountByUsername(ctx.db, username);
  return owner?.id === id;
}
