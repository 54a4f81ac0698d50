import Link from 'next/link';
import { formatBytes, formatDateTime, formatDuration } from '@/lib/format.ts';
import type { Transfer } from '@/lib/types.ts';
import { StatusBadge } from '@/components/ui/Badge.tsx';
import { DataTable } from '@/components/ui/DataTable.tsx';

export function averageRate(t: Pick<Transfer, 'bytes' | 'durationMs'>): string {
  if (t.durationMs <= 0) return '–';
  return `${formatBytes((t.bytes / t.durationMs) * 1000)}/s`;
}

export function TransferTable({ transfers, showAccount = true, highlightIds }: { transfers: (Transfer & { isNew?: boolean })[]; showAccount?: boolean; highlightIds?: Set<string> }) {
  return (
    <DataTable columns={['Finished', showAccount && 'Account', 'Direction', 'File', 'Size', 'Speed', 'Status', 'IP']} testId="transfer-table">
      {transfers.map((t) => (
        <tr key={t.id} className={highlightIds?.has(t.id) ? 'bg-indigo-50/60' : undefined} data-status={t.status} data-path={t.path}>
          <td className="text-xs whitespace-nowrap text-slate-600">{formatDateTime(t.endedAt)}</td>
          {showAccount && (
            <td>
              <Link className="link" href={`/admin/accounts/${encodeURIComponent(t.username)}`}>
                {t.username}
              </Link>
            </td>
          )}
          <td>
            <StatusBadge status={t.direction} />
          </td>
          <td className="max-w-64 truncate font-mono text-xs" title={t.path}>
            {t.path}
          </td>
          <td className="text-xs whitespace-nowrap tabular-nums">{formatBytes(t.bytes)}</td>
          <td className="text-xs whitespace-nowrap tabular-nums" title={formatDuration(t.durationMs)}>
            {averageRate(t)}
          </td>
          <td>
            <StatusBadge status={t.status} />
          </td>
          <td className="font-mono text-xs whitespace-nowrap text-slate-600">{t.remoteIp}</td>
        </tr>
      ))}
    </DataTable>
  );
}
