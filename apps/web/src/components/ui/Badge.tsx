import type { ReactNode } from 'react';

const TONES = {
  green: 'bg-emerald-100 text-emerald-800 ring-emerald-600/20',
  red: 'bg-red-100 text-red-800 ring-red-600/20',
  amber: 'bg-amber-100 text-amber-900 ring-amber-600/20',
  slate: 'bg-slate-100 text-slate-700 ring-slate-500/20',
  indigo: 'bg-indigo-100 text-indigo-800 ring-indigo-600/20',
  sky: 'bg-sky-100 text-sky-800 ring-sky-600/20',
} as const;

export type BadgeTone = keyof typeof TONES;

export function Badge({ tone = 'slate', children }: { tone?: BadgeTone; children: ReactNode }) {
  return <span className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${TONES[tone]}`}>{children}</span>;
}

const STATUS_TONES: Record<string, BadgeTone> = {
  ACTIVE: 'green',
  DISABLED: 'slate',
  EXPIRED: 'amber',
  OK: 'green',
  ABORTED: 'amber',
  FAILED: 'red',
  QUOTA: 'red',
  DENIED: 'red',
  BANNED: 'red',
  DELIVERED: 'green',
  PENDING: 'sky',
  UPLOAD: 'indigo',
  DOWNLOAD: 'sky',
  OWNER: 'indigo',
  ADMIN: 'sky',
  SUPPORT: 'slate',
};

export function StatusBadge({ status }: { status: string }) {
  return <Badge tone={STATUS_TONES[status] ?? 'slate'}>{status}</Badge>;
}
