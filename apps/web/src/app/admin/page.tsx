import type { Metadata } from 'next';
import { apiTryGet } from '@/lib/api-server.ts';
import { daysUntil, formatBytes, formatDate, formatRate } from '@/lib/format.ts';
import type { Overview } from '@/lib/types.ts';
import { PageHeader, StatCard, Card } from '@/components/ui/Card.tsx';
import { Alert } from '@/components/ui/Alert.tsx';
import { TransferChart } from '@/components/admin/TransferChart.tsx';
import { LiveRefresh } from '@/components/live/LiveRefresh.tsx';
import { WarningList } from '@/components/admin/WarningList.tsx';

export const metadata: Metadata = { title: 'Overview' };

function DiskStat({ disk }: { disk: Overview['homesDisk'] }) {
  if (!disk || disk.totalBytes <= 0) return <StatCard label="Homes disk" value="–" detail="Not measured" />;
  const used = disk.totalBytes - disk.freeBytes;
  const pct = Math.round((used / disk.totalBytes) * 100);
  return <StatCard label="Homes disk" value={`${pct}% used`} detail={`${formatBytes(disk.freeBytes)} free of ${formatBytes(disk.totalBytes)}`} tone={pct >= 95 ? 'danger' : pct >= 85 ? 'warning' : undefined} />;
}

function CertificateStat({ cert }: { cert: Overview['certificate'] }) {
  if (!cert) return <StatCard label="TLS certificate" value="None" detail="FTPS is not available" tone="warning" />;
  const days = daysUntil(cert.expiresAt);
  const value = days < 0 ? 'Expired' : `${days} days left`;
  return <StatCard label="TLS certificate" value={value} detail={`Expires ${formatDate(cert.expiresAt)}`} tone={days < 0 ? 'danger' : days < 14 ? 'warning' : undefined} />;
}

export default async function OverviewPage() {
  const { data, error } = await apiTryGet<Overview>('/api/v1/overview');
  return (
    <>
      <PageHeader title="Overview" description="What is happening on the FTP service right now." actions={<LiveRefresh types={['session.opened', 'session.closed', 'transfer.completed', 'ban.created', 'ban.lifted', 'login.failed']} intervalMs={15000} />} />
      {error || !data ? (
        <Alert tone="error" title="The overview could not be loaded">
          {error}
        </Alert>
      ) : (
        <div className="space-y-6">
          {data.warnings.length > 0 && <WarningList warnings={data.warnings} />}
          <div className="grid grid-cols-2 items-start gap-3 md:grid-cols-3">
            <StatCard label="Online now" value={data.sessionsOnline} detail="FTP sessions" />
            <StatCard label="Bandwidth" value={formatRate(data.currentBytesPerSecond)} detail="All transfers now" />
            <StatCard label="Failed logins" value={data.failedLogins24h} detail="Last 24 hours" tone={data.failedLogins24h > 50 ? 'warning' : undefined} />
            <StatCard label="Active bans" value={data.activeBans} detail="IP addresses" />
            <DiskStat disk={data.homesDisk} />
            <CertificateStat cert={data.certificate} />
          </div>
          <Card title="Transfers, last 24 hours">
            <TransferChart buckets={data.transfers24h.buckets} />
          </Card>
        </div>
      )}
    </>
  );
}
