import type { Metadata } from 'next';
import { apiTryGet } from '@/lib/api-server.ts';
import { formatDateTime, toQuery } from '@/lib/format.ts';
import type { AuditPage } from '@/lib/types.ts';
import { EmptyState, PageHeader } from '@/components/ui/Card.tsx';
import { Alert } from '@/components/ui/Alert.tsx';
import { Badge } from '@/components/ui/Badge.tsx';
import { Pagination } from '@/components/ui/Pagination.tsx';
import { AuditChanges } from '@/components/audit/AuditChanges.tsx';
import { DataTable } from '@/components/ui/DataTable.tsx';
import { FilterButton, FilterForm, TextFilter } from '@/components/ui/Filters.tsx';

export const metadata: Metadata = { title: 'Audit log' };

type Search = { actor?: string; action?: string; target?: string; page?: string };

export default async function AuditPage({ searchParams }: { searchParams: Promise<Search> }) {
  const params = await searchParams;
  const page = Math.max(1, Number(params.page) || 1);
  const keep = { actor: params.actor, action: params.action, target: params.target };
  const { data, error } = await apiTryGet<AuditPage>(`/api/v1/audit${toQuery({ ...keep, page, pageSize: 50 })}`);
  return (
    <>
      <PageHeader title="Audit log" description="Who changed what, from the panel, the API or the command line." />
      <FilterForm>
        <TextFilter id="af-actor" name="actor" label="Actor" defaultValue={params.actor} />
        <TextFilter id="af-action" name="action" label="Action" defaultValue={params.action} placeholder="e.g. account.update" />
        <TextFilter id="af-target" name="target" label="Target" defaultValue={params.target} />
        <FilterButton />
      </FilterForm>
      {error || !data ? (
        <Alert>{error}</Alert>
      ) : data.items.length === 0 ? (
        <EmptyState title="Nothing recorded yet" />
      ) : (
        <>
          <DataTable columns={['When', 'Actor', 'Action', 'Target', 'Change']}>
            {data.items.map((e) => (
              <tr key={e.id}>
                <td className="text-xs whitespace-nowrap">{formatDateTime(e.createdAt)}</td>
                <td>
                  {e.actorName} <Badge>{e.actorType}</Badge>
                  {e.ip && <div className="font-mono text-xs text-slate-500">{e.ip}</div>}
                </td>
                <td className="font-mono text-xs">{e.action}</td>
                <td className="text-xs">
                  {e.targetType}
                  {e.targetId ? ` · ${e.targetId}` : ''}
                </td>
                <td>
                  <AuditChanges before={e.before} after={e.after} />
                </td>
              </tr>
            ))}
          </DataTable>
          <Pagination basePath="/admin/audit" params={keep} page={data.page} pageSize={data.pageSize} total={data.total} />
        </>
      )}
    </>
  );
}
