import type { Metadata } from 'next';
import { apiTryGet } from '@/lib/api-server.ts';
import { formatLimitKiBps } from '@/lib/format.ts';
import type { MeInfo, TwoFactorStatus } from '@/lib/types.ts';
import { Card, EmptyState, PageHeader } from '@/components/ui/Card.tsx';
import { Alert } from '@/components/ui/Alert.tsx';
import { QuotaBar } from '@/components/ui/Meter.tsx';
import { TransferTable } from '@/components/transfers/TransferTable.tsx';
import { ConnectionDetails } from '@/components/portal/ConnectionDetails.tsx';
import { ChangePasswordForm } from '@/components/portal/ChangePasswordForm.tsx';
import { LiveRefresh } from '@/components/live/LiveRefresh.tsx';
import { TwoFactorCard } from '@/components/two-factor/TwoFactorCard.tsx';

export const metadata: Metadata = { title: 'My account' };

export default async function PortalHome() {
  const [{ data, error }, twoFactor] = await Promise.all([apiTryGet<MeInfo>('/api/v1/me'), apiTryGet<TwoFactorStatus>('/api/v1/me/two-factor')]);
  if (!data) return <Alert title="Your account could not be loaded">{error}</Alert>;
  const { account, quota, limits } = data;
  return (
    <>
      <PageHeader title={`Hello, ${account.username}`} description="Your storage, limits and how to connect." actions={<LiveRefresh types={['transfer.completed', 'quota.warning', 'account.updated']} />} />
      <div className="grid gap-4 md:grid-cols-2">
        <Card title="Storage">
          <div className="space-y-4">
            <QuotaBar used={quota.usedBytes} quota={quota.quotaBytes} />
            <QuotaBar used={quota.usedFiles} quota={quota.quotaFiles} unit="files" />
          </div>
        </Card>
        <Card title="Limits">
          <dl className="space-y-1.5 text-sm">
            <div className="flex justify-between">
              <dt className="text-slate-500">Upload speed</dt>
              <dd className="font-medium">{formatLimitKiBps(limits.uploadKiBps)}</dd>
            </div>
            <div className="flex justify-between">
              <dt className="text-slate-500">Download speed</dt>
              <dd className="font-medium">{formatLimitKiBps(limits.downloadKiBps)}</dd>
            </div>
            <div className="flex justify-between">
              <dt className="text-slate-500">Simultaneous connections</dt>
              <dd className="font-medium">{limits.maxSessions || 'unlimited'}</dd>
            </div>
          </dl>
        </Card>
      </div>
      <div className="mt-4">
        <Card title="Connect">
          <ConnectionDetails username={account.username} connection={data.connection} requireTls={account.requireTls} />
        </Card>
      </div>
      <section className="mt-8">
        <h2 className="mb-3 text-lg font-semibold">Recent transfers</h2>
        {data.recentTransfers.length === 0 ? <EmptyState title="No transfers yet">Upload a file with your FTP client and it shows up here.</EmptyState> : <TransferTable transfers={data.recentTransfers} showAccount={false} />}
      </section>
      <section className="mt-8 max-w-lg">
        <Card title="Change password">
          <ChangePasswordForm username={account.username} />
        </Card>
      </section>
      <section className="mt-8 max-w-lg">
        <Card title="Two-factor sign-in">{twoFactor.data ? <TwoFactorCard base="/api/v1/me/two-factor" initial={twoFactor.data} /> : <Alert>{twoFactor.error}</Alert>}</Card>
      </section>
    </>
  );
}
