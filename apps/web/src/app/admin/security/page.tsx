import type { Metadata } from 'next';
import { apiTryGet, requireAdmin } from '@/lib/api-server.ts';
import { can } from '@/lib/roles.ts';
import { formatDateTime, itemsOf, toQuery } from '@/lib/format.ts';
import type { BanPage, FailedByIp, LoginEventPage } from '@/lib/types.ts';
import { Card, EmptyState, PageHeader } from '@/components/ui/Card.tsx';
import { Alert } from '@/components/ui/Alert.tsx';
import { Pagination } from '@/components/ui/Pagination.tsx';
import { LoginTable } from '@/components/security/LoginTable.tsx';
import { BanList } from '@/components/security/BanList.tsx';
import { AddBanForm } from '@/components/security/AddBanForm.tsx';
import { LiveRefresh } from '@/components/live/LiveRefresh.tsx';
import { DataTable } from '@/components/ui/DataTable.tsx';
import { FilterButton, FilterForm, SelectFilter, TextFilter } from '@/components/ui/Filters.tsx';

export const metadata: Metadata = { title: 'Logins and bans' };

const ACTIVE_BANS_SHOWN = 100;

type Search = { result?: string; ip?: string; account?: string; page?: string };

const RESULTS = [
  ['', 'Any'],
  ['OK', 'OK'],
  ['FAILED', 'Failed'],
  ['DENIED', 'Denied'],
  ['BANNED', 'Banned'],
] as const;

function FailedByIpTable({ rows }: { rows: FailedByIp[] }) {
  if (rows.length === 0) return <EmptyState title="No failed logins in the last 24 hours" />;
  return (
    <DataTable columns={['IP address', 'Failures', 'Last attempt']} className="overflow-x-auto">
      {rows.map((r) => (
        <tr key={r.ip}>
          <td className="font-mono text-xs">{r.ip}</td>
          <td className="tabular-nums">{r.count}</td>
          <td className="text-xs text-slate-600">{formatDateTime(r.lastAt)}</td>
        </tr>
      ))}
    </DataTable>
  );
}

export default async function SecurityPage({ searchParams }: { searchParams: Promise<Search> }) {
  const params = await searchParams;
  const { user } = await requireAdmin();
  const canBan = can(user.role, 'bans:write');
  const page = Math.max(1, Number(params.page) || 1);
  const since = new Date(Date.now() - 86_400_000).toISOString();
  const [failed, bans, logins] = await Promise.all([
    apiTryGet<FailedByIp[]>(`/api/v1/logins/failed-by-ip?since=${encodeURIComponent(since)}`),
    // The API filters and counts: the title shows every ban in force, the list the newest page.
    apiTryGet<BanPage>(`/api/v1/bans${toQuery({ isActive: true, pageSize: ACTIVE_BANS_SHOWN })}`),
    apiTryGet<LoginEventPage>(`/api/v1/logins${toQuery({ result: params.result, ip: params.ip, account: params.account, page, pageSize: 50 })}`),
  ]);
  const activeBans = bans.data?.items ?? [];
  const activeBanCount = bans.data?.total ?? activeBans.length;
  const keep = { result: params.result, ip: params.ip, account: params.account };

  return (
    <>
      <PageHeader title="Logins and bans" description="Failed sign-ins by address, automatic and manual bans." actions={<LiveRefresh types={['ban.created', 'ban.lifted', 'login.failed']} />} />
      <div className="grid gap-4 lg:grid-cols-2">
        <Card title="Failed logins by IP (24 h)">{failed.error ? <Alert>{failed.error}</Alert> : <FailedByIpTable rows={itemsOf(failed.data)} />}</Card>
        <Card title={`Active bans (${activeBanCount})`}>
          {bans.error ? <Alert>{bans.error}</Alert> : <BanList bans={activeBans} canLift={canBan} />}
          {activeBanCount > activeBans.length && <p className="mt-2 text-xs text-slate-600">Showing the newest {activeBans.length}.</p>}
          {canBan && (
            <div className="mt-4 border-t border-slate-100 pt-4">
              <AddBanForm />
            </div>
          )}
        </Card>
      </div>
      <section className="mt-8">
        <h2 className="mb-3 text-lg font-semibold">Login history</h2>
        <FilterForm className="card mb-3 flex flex-wrap items-end gap-3 p-3">
          <SelectFilter id="lf-result" name="result" label="Result" defaultValue={params.result} options={RESULTS} />
          <TextFilter id="lf-account" name="account" label="Username" defaultValue={params.account} />
          <TextFilter id="lf-ip" name="ip" label="IP address" defaultValue={params.ip} />
          <FilterButton />
          <a className="btn" href={`/api/v1/logins${toQuery({ ...keep, format: 'csv' })}`} download>
            Export CSV
          </a>
        </FilterForm>
        {logins.error || !logins.data ? (
          <Alert>{logins.error}</Alert>
        ) : logins.data.items.length === 0 ? (
          <EmptyState title="No logins match" />
        ) : (
          <>
            <LoginTable logins={logins.data.items} />
            <Pagination basePath="/admin/security" params={keep} page={logins.data.page} pageSize={logins.data.pageSize} total={logins.data.total} />
          </>
        )}
      </section>
    </>
  );
}
