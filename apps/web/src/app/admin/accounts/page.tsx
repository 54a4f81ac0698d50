import type { Metadata } from 'next';
import Link from 'next/link';
import { apiTryGet, requireAdmin } from '@/lib/api-server.ts';
import { can } from '@/lib/roles.ts';
import { toQuery } from '@/lib/format.ts';
import type { AccountPage } from '@/lib/types.ts';
import { PageHeader, EmptyState } from '@/components/ui/Card.tsx';
import { Alert } from '@/components/ui/Alert.tsx';
import { Pagination } from '@/components/ui/Pagination.tsx';
import { AccountFilters } from '@/components/accounts/AccountFilters.tsx';
import { AccountTable } from '@/components/accounts/AccountTable.tsx';

export const metadata: Metadata = { title: 'Accounts' };

const PAGE_SIZE = 25;
type Search = { search?: string; status?: string; overQuota?: string; sort?: string; order?: string; page?: string };

export default async function AccountsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const params = await searchParams;
  const { user } = await requireAdmin();
  const canWrite = can(user.role, 'accounts:write');
  const page = Math.max(1, Number(params.page) || 1);
  const sort = params.sort ?? 'username';
  const order = params.order === 'desc' ? 'desc' : 'asc';
  const query = toQuery({ search: params.search, status: params.status, overQuota: params.overQuota === 'true' ? 'true' : undefined, sort, order, page, pageSize: PAGE_SIZE });
  const { data, error } = await apiTryGet<AccountPage>(`/api/v1/accounts${query}`);
  const isFiltered = Boolean(params.search || params.status || params.overQuota);
  const keep = { search: params.search, status: params.status, overQuota: params.overQuota, sort, order };

  return (
    <>
      <PageHeader
        title="Accounts"
        description="FTP users: their home, quota, speed limits and access rules."
        actions={
          canWrite && (
            <Link className="btn btn-primary" href="/admin/accounts/new">
              New account
            </Link>
          )
        }
      />
      <AccountFilters search={params.search ?? ''} status={params.status ?? ''} isOverQuota={params.overQuota === 'true'} sort={sort} order={order} />
      {error || !data ? (
        <Alert tone="error" title="Accounts could not be loaded">
          {error}
        </Alert>
      ) : data.items.length === 0 ? (
        <EmptyState title={isFiltered ? 'No account matches these filters' : 'No accounts yet'}>
          {isFiltered ? (
            <Link className="link" href="/admin/accounts">
              Clear the filters
            </Link>
          ) : canWrite ? (
            <Link className="link" href="/admin/accounts/new">
              Create the first account
            </Link>
          ) : null}
        </EmptyState>
      ) : (
        <>
          <AccountTable accounts={data.items} sort={sort} order={order} keep={keep} />
          <Pagination basePath="/admin/accounts" params={keep} page={data.page} pageSize={data.pageSize} total={data.total} />
        </>
      )}
    </>
  );
}
