// Appending to the change feed. appendChange itself NOTIFYs on PostgreSQL (so writers that call
// it inside a transaction notify at commit); notifyChange is the same for callers holding a Db.
import { appendChange, CHANGES_CHANNEL } from '@ftp-panel/db';
import type { ChangeTopic, Db } from '@ftp-panel/db';

export { CHANGES_CHANNEL };
/** Channel carrying PanelEvents between processes. */
export const EVENTS_CHANNEL = 'ftp_panel_events';
/** PostgreSQL rejects NOTIFY payloads of 8000 bytes or more. */
export const MAX_NOTIFY_PAYLOAD = 7999;

export function notifyChange(db: Db, topic: ChangeTopic, key?: string | null, payload?: unknown): Promise<number> {
  return appendChange(db.prisma, topic, key, payload);
}
