// Appending to the change feed, plus a NOTIFY on PostgreSQL so running services react at once
// instead of at their next safety poll. Every writer (CLI, API, FTP service) should use this.
import { appendChange } from '@ftp-panel/db';
import type { ChangeTopic, Db } from '@ftp-panel/db';

/** Channel woken on every change; the payload is the change id (readers fetch the row). */
export const CHANGES_CHANNEL = 'ftp_panel_changes';
/** Channel carrying PanelEvents between processes. */
export const EVENTS_CHANNEL = 'ftp_panel_events';
/** PostgreSQL rejects NOTIFY payloads of 8000 bytes or more. */
export const MAX_NOTIFY_PAYLOAD = 7999;

export async function notifyChange(db: Db, topic: ChangeTopic, key?: string | null, payload?: unknown): Promise<number> {
  const id = await appendChange(db.prisma, topic, key, payload);
  if (db.provider === 'postgresql') {
    // A lost NOTIFY is harmless: the safety poll picks the row up.
    await db.prisma.$queryRawUnsafe('SELECT pg_notify($1, $2)', CHANGES_CHANNEL, String(id)).catch(() => {});
  }
  return id;
}
