// An audit entry's before/after as a list people read: "quotaBytes: 1.00 GiB → 2.00 GiB".
// Newer entries hold only the changed fields; older ones hold whole snapshots, so unchanged
// fields are dropped here too.
import { formatBytes } from './format.ts';

export type AuditChangeLine = { field: string; before?: string; after?: string };

const BOOKKEEPING = new Set(['updatedAt', 'version']);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function formatAuditValue(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'number' && /bytes$/i.test(field)) return value === 0 && /^quota/i.test(field) ? 'unlimited' : formatBytes(value);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) return value.length === 0 ? '(none)' : value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ');
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

export function auditChangeLines(before: unknown, after: unknown): AuditChangeLine[] {
  const b = isObject(before) ? before : before === null || before === undefined ? {} : null;
  const a = isObject(after) ? after : after === null || after === undefined ? {} : null;
  if (b === null || a === null) {
    // A value that is not an object (should not happen; shown as it is).
    return [{ field: '', ...(before != null ? { before: formatAuditValue('', before) } : {}), ...(after != null ? { after: formatAuditValue('', after) } : {}) }];
  }
  const lines: AuditChangeLine[] = [];
  const isUpdate = Object.keys(b).length > 0 && Object.keys(a).length > 0;
  for (const field of new Set([...Object.keys(b), ...Object.keys(a)])) {
    if (isUpdate && BOOKKEEPING.has(field)) continue;
    if (field in b && field in a && JSON.stringify(b[field]) === JSON.stringify(a[field])) continue;
    lines.push({
      field,
      ...(field in b ? { before: formatAuditValue(field, b[field]) } : {}),
      ...(field in a ? { after: formatAuditValue(field, a[field]) } : {}),
    });
  }
  return lines;
}
