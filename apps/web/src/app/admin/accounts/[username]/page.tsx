import type { Metadata } from 'next';
import Link from 'next/link';
import { apiGet, apiTryGet, requireAdmin } from '@/lib/api-server.ts';
import { can } from '@/lib/roles.ts';
import { formatDate, formatDateTime, formatLimitKiBps, itemsOf, timeAgo } from '@/lib/format.ts';
import type { Account, LiveSession, LoginEventPage, TransferPage } from '@/lib/types.ts';
import { Card, EmptyState, PageHeader } from '@/components/ui/Card.tsx';
import { Alert } from '@/components/ui/Alert.tsx';
import { Badge, StatusBadge } from '@/components/ui/Badge.tsx';
import { QuotaBar } from '@/components/ui/Meter.tsx';
import { LiveSessionList } from '@/components/sessions/LiveSessionList.tsx';
import { TransferTable } from '@/components/transfers/TransferTable.tsx';
import { LoginTable } from '@/components/security/LoginTable.tsx';
import { AccountActions } from '@/components/accounts/AccountActions.tsx';
import { isExpired } from '@/components/accounts/AccountTable.tsx';

export const metadata: Metadata = { title: 'Account' };

function Limit({ label, value }: { label: string; value: React.ReactNode }) {
  return (
    <div className="flex justify-between gap-4 border-b border-slate-100 py-1.5 text-sm last:border-0">
      <dt className="text-slate-500">{label}</dt>
      <dd className="text-right font-medium text-slate-800">{value}</dd>
    </div>
  );
}

export default async function AccountPage({ params }: { params: Promise<{ username: string }> }) {
  const { user } = await requireAdmin();
  const username = decodeURIComponent((await params).username);
  const base = `/api/v1/accounts/${encodeURIComponent(username)}`;
  const account = await apiGet<Account>(base);
  const [sessions, transfers, logins] = await Promise.all([
    apiTryGet<LiveSession[]>(`${base}/sessions`),
    apiTryGet<TransferPage>(`/api/v1/transfers?account=${encodeURIComponent(username)}&pageSize=10`),
    apiTryGet<LoginEventPage>(`/api/v1/logins?account=${encodeURIComponent(username)}&pageSize=10`),
  ]);
  const canWrite = can(user.role, 'accounts:write');

  return (
    <>
      <PageHeader
        title={account.username}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <StatusBadge status={account.status} />
            {isExpired(account) && <Badge tone="amber">EXPIRED</Badge>}
            {account.requireTls && <Badge tone="sky">TLS required</Badge>}
            <span>{account.email ?? 'no email'}</span>
            <span>· last login {timeAgo(account.lastLoginAt)}</span>
          </span>
        }
        actions={
          canWrite && (
            <Link className="btn btn-primary" href={`/admin/accounts/${encodeURIComponent(account.username)}/edit`}>
              Edit
            </Link>
          )
        }
      />
      <div className="grid gap-4 lg:grid-cols-3">
        <Card title="Usage" className="lg:col-span-2">
          <div className="space-y-4">
            <QuotaBar used={account.usedBytes} quota={account.quotaBytes} />
            <QuotaBar used={account.usedFiles} quota={account.quotaFiles} unit="files" />
          </div>
          <div className="mt-5">
            <AccountActions account={account} canWrite={canWrite} />
          </div>
        </Card>
        <Card title="Limits and access">
          <dl>
            <Limit label="Upload" value={formatLimitKiBps(account.uploadKiBps)} />
            <Limit label="Download" value={formatLimitKiBps(account.downloadKiBps)} />
            <Limit label="Sessions" value={account.maxSessions || 'unlimited'} />
            <Limit label="Home" value={<span className="font-mono text-xs">/{account.homeDir.replace(/^\/+/, '')}</span>} />
            <Limit label="Permissions" value={account.permissions.join(', ') || 'none'} />
            <Limit label="Allowed from" value={account.allowedCidrs.join(', ') || 'anywhere'} />
            {account.deniedCidrs.length > 0 && <Limit label="Denied" value={account.deniedCidrs.join(', ')} />}
            <Limit label="Expires" value={account.expiresAt ? formatDate(account.expiresAt) : 'never'} />
            <Limit label="Created" value={formatDateTime(account.createdAt)} />
          </dl>
          {account.note && <p className="mt-3 rounded-lg bg-amber-50 p-2 text-sm text-amber-900">{account.note}</p>}
        </Card>
      </div>

      <section className="mt-8">
        <h2 className="mb-3 text-lg font-semibold">Live sessions</h2>
        <LiveSessionList initial={itemsOf(sessions.data)} username={account.username} loadError={sessions.error} canKick={can(user.role, 'sessions:write')} />
      </section>

      <section className="mt-8">
        <div className="mb-3 flex items-center justify-between">
          <h2 className="text-lg font-semibold">Recent transfers</h2>
          <Link className="link text-sm" href={`/admin/transfers?account=${encodeURIComponent(account.username)}`}>
            All transfers
          </Link>
        </div>
        {transfers.error ? <Alert>{transfers.error}</Alert> : itemsOf(transfers.data).length === 0 ? <EmptyState title="No transfers yet" /> : <TransferTable transfers={itemsOf(transfers.data)} showAccount={false} />}
      </section>

      <section className="mt-8">
        <h2 className="mb-3 text-lg font-semibold">Login history</h2>
        {logins.error ? <Alert>{logins.error}</Alert> : itemsOf(logins.data).length === 0 ? <EmptyState title="No logins yet" /> : <LoginTable logins={itemsOf(logins.data)} showUsername={false} />}
      </section>
    </>
  );
}
