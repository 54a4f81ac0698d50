import type { Metadata } from 'next';
import { apiTryGet } from '@/lib/api-server.ts';
import { formatDateTime, toQuery } from '@/lib/format.ts';
import type { AuditPage } from '@/lib/types.ts';
import { EmptyState, PageHeader } from '@/components/ui/Card.tsx';
import { Alert } from '@/components/ui/Alert.tsx';
import { Badge } from '@/components/ui/Badge.tsx';
import { Pagination } from '@/components/ui/Pagination.tsx';
import { AuditChanges } from '@/components/audit/AuditChanges.tsx';

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
      <form method="get" className="card mb-4 flex flex-wrap items-end gap-3 p-3" role="search">
        <div>
          <label htmlFor="af-actor" className="label">
            Actor
          </label>
          <input id="af-actor" name="actor" className="input" defaultValue={params.actor ?? ''} />
        </div>
        <div>
          <label htmlFor="af-action" className="label">
            Action
          </label>
          <input id="af-action" name="action" className="input" placeholder="e.g. account.update" defaultValue={params.action ?? ''} />
        </div>
        <div>
          <label htmlFor="af-target" className="label">
            Target
          </label>
          <input id="af-target" name="target" className="input" defaultValue={params.target ?? ''} />
        </div>
        <button className="btn" type="submit">
          Filter
        </button>
      </form>
      {error || !data ? (
        <Alert>{error}</Alert>
      ) : data.items.length === 0 ? (
        <EmptyState title="Nothing recorded yet" />
      ) : (
        <>
          <div className="card overflow-x-auto">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Actor</th>
                  <th scope="col">Action</th>
                  <th scope="col">Target</th>
                  <th scope="col">Change</th>
                </tr>
              </thead>
              <tbody>
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
              </tbody>
            </table>
          </div>
          <Pagination basePath="/admin/audit" params={keep} page={data.page} pageSize={data.pageSize} total={data.total} />
        </>
      )}
    </>
  );
}
