import type { Metadata } from 'next';
import { apiTryGet } from '@/lib/api-server.ts';
import { toQuery } from '@/lib/format.ts';
import type { TransferPage } from '@/lib/types.ts';
import { PageHeader } from '@/components/ui/Card.tsx';
import { Alert } from '@/components/ui/Alert.tsx';
import { Pagination } from '@/components/ui/Pagination.tsx';
import { TransferFilters, type TransferFilterValues } from '@/components/transfers/TransferFilters.tsx';
import { TransferLog } from '@/components/transfers/TransferLog.tsx';

export const metadata: Metadata = { title: 'Transfers' };

const PAGE_SIZE = 50;

/** Date inputs give YYYY-MM-DD; the API wants instants. "to" includes the whole day. */
function dayBoundary(day: string | undefined, isEnd: boolean): string | undefined {
  if (!day || !/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  return `${day}T${isEnd ? '23:59:59.999' : '00:00:00.000'}Z`;
}

export default async function TransfersPage({ searchParams }: { searchParams: Promise<TransferFilterValues & { page?: string }> }) {
  const params = await searchParams;
  const page = Math.max(1, Number(params.page) || 1);
  const filters = {
    account: params.account,
    direction: params.direction,
    status: params.status,
    ip: params.ip,
    from: dayBoundary(params.from, false),
    to: dayBoundary(params.to, true),
  };
  const { data, error } = await apiTryGet<TransferPage>(`/api/v1/transfers${toQuery({ ...filters, page, pageSize: PAGE_SIZE })}`);
  const csvHref = `/api/v1/transfers${toQuery({ ...filters, format: 'csv' })}`;
  const keep = { account: params.account, direction: params.direction, status: params.status, ip: params.ip, from: params.from, to: params.to };

  return (
    <>
      <PageHeader
        title="Transfers"
        description="Every upload and download, with its outcome."
        actions={
          <a className="btn" href={csvHref} download>
            Export CSV
          </a>
        }
      />
      <TransferFilters values={params} />
      {error || !data ? (
        <Alert title="Transfers could not be loaded">{error}</Alert>
      ) : (
        <>
          <TransferLog key={JSON.stringify(keep) + page} initial={data.items} filters={filters} canTail={page === 1 && !filters.to} />
          <Pagination basePath="/admin/transfers" params={keep} page={data.page} pageSize={data.pageSize} total={data.total} />
        </>
      )}
    </>
  );
}
