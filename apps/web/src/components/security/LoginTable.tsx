import { formatDateTime } from '@/lib/format.ts';
import type { LoginEvent } from '@/lib/types.ts';
import { Badge, StatusBadge } from '@/components/ui/Badge.tsx';
import { DataTable } from '@/components/ui/DataTable.tsx';

export function LoginTable({ logins, showUsername = true }: { logins: LoginEvent[]; showUsername?: boolean }) {
  return (
    <DataTable columns={['When', showUsername && 'Username', 'Result', 'Via', 'IP', 'Reason']}>
      {logins.map((l) => (
        <tr key={l.id}>
          <td className="text-xs whitespace-nowrap text-slate-600">{formatDateTime(l.createdAt)}</td>
          {showUsername && <td>{l.username}</td>}
          <td>
            <StatusBadge status={l.result} />
          </td>
          <td>
            <Badge>{l.channel}</Badge>
          </td>
          <td className="font-mono text-xs">{l.remoteIp}</td>
          <td className="text-xs text-slate-600">{l.reason ?? ''}</td>
        </tr>
      ))}
    </DataTable>
  );
}
