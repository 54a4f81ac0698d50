import Link from 'next/link';
import { formatDateTime, formatLimitKiBps, timeAgo } from '@/lib/format.ts';
import type { Account } from '@/lib/types.ts';
import { Badge, StatusBadge } from '@/components/ui/Badge.tsx';
import { QuotaBar } from '@/components/ui/Meter.tsx';

const SORTABLE = { username: 'Username', usedBytes: 'Usage', lastLoginAt: 'Last login', createdAt: 'Created' } as const;

function SortHeader({ field, sort, order, keep }: { field: keyof typeof SORTABLE; sort: string; order: string; keep: Record<string, string | undefined> }) {
  const isCurrent = sort === field;
  const next = isCurrent && order === 'asc' ? 'desc' : 'asc';
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...keep, sort: field, order: next })) if (v) q.set(k, v);
  return (
    <th scope="col" aria-sort={isCurrent ? (order === 'asc' ? 'ascending' : 'descending') : undefined}>
      <Link href={`/admin/accounts?${q.toString()}`} className="hover:text-slate-800">
        {SORTABLE[field]}
        {isCurrent && <span aria-hidden="true">{order === 'asc' ? ' ↑' : ' ↓'}</span>}
      </Link>
    </th>
  );
}

export function isExpired(account: Pick<Account, 'expiresAt'>): boolean {
  return account.expiresAt !== null && new Date(account.expiresAt).getTime() < Date.now();
}

export function AccountTable({ accounts, sort, order, keep }: { accounts: Account[]; sort: string; order: string; keep: Record<string, string | undefined> }) {
  return (
    <div className="card overflow-x-auto">
      <table className="table">
        <thead>
          <tr>
            <SortHeader field="username" sort={sort} order={order} keep={keep} />
            <th scope="col">Status</th>
            <SortHeader field="usedBytes" sort={sort} order={order} keep={keep} />
            <th scope="col">Speed up / down</th>
            <SortHeader field="lastLoginAt" sort={sort} order={order} keep={keep} />
            <SortHeader field="createdAt" sort={sort} order={order} keep={keep} />
          </tr>
        </thead>
        <tbody>
          {accounts.map((a) => (
            <tr key={a.id} className="hover:bg-slate-50">
              <td>
                <Link className="link" href={`/admin/accounts/${encodeURIComponent(a.username)}`}>
                  {a.username}
                </Link>
                {a.email && <div className="text-xs text-slate-500">{a.email}</div>}
              </td>
              <td className="whitespace-nowrap">
                <StatusBadge status={a.status} /> {isExpired(a) && <Badge tone="amber">EXPIRED</Badge>} {a.requireTls && <Badge tone="sky">TLS</Badge>}
              </td>
              <td className="min-w-40">
                <QuotaBar used={a.usedBytes} quota={a.quotaBytes} compact />
              </td>
              <td className="text-xs whitespace-nowrap text-slate-600">
                {formatLimitKiBps(a.uploadKiBps)} / {formatLimitKiBps(a.downloadKiBps)}
              </td>
              <td className="text-xs whitespace-nowrap text-slate-600" title={formatDateTime(a.lastLoginAt)}>
                {timeAgo(a.lastLoginAt)}
              </td>
              <td className="text-xs whitespace-nowrap text-slate-600">{formatDateTime(a.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
