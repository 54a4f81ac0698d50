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

/** Phones get one card per account instead of a wide table. */
function AccountCards({ accounts }: { accounts: Account[] }) {
  return (
    <ul className="space-y-2 sm:hidden">
      {accounts.map((a) => (
        <li key={a.id} className="card p-3">
          <div className="flex items-start justify-between gap-2">
            <div className="min-w-0">
              <Link className="link" href={`/admin/accounts/${encodeURIComponent(a.username)}`}>
                {a.username}
              </Link>
              {a.email && <div className="truncate text-xs text-slate-500">{a.email}</div>}
            </div>
            <span className="flex shrink-0 gap-1">
              <StatusBadge status={a.status} /> {isExpired(a) && <Badge tone="amber">EXPIRED</Badge>}
            </span>
          </div>
          <div className="mt-2">
            <QuotaBar used={a.usedBytes} quota={a.quotaBytes} />
          </div>
          <p className="mt-2 text-xs text-slate-500">
            Up {formatLimitKiBps(a.uploadKiBps)} · down {formatLimitKiBps(a.downloadKiBps)} · last login {timeAgo(a.lastLoginAt)}
          </p>
        </li>
      ))}
    </ul>
  );
}

export function AccountTable({ accounts, sort, order, keep }: { accounts: Account[]; sort: string; order: string; keep: Record<string, string | undefined> }) {
  return (
    <>
    <AccountCards accounts={accounts} />
    <div className="card hidden overflow-x-auto sm:block">
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
    </>
  );
}
