import type { Metadata } from 'next';
import { apiTryGet } from '@/lib/api-server.ts';
import { daysUntil, formatBytes, formatDate, formatRate } from '@/lib/format.ts';
import type { Account, Overview, Page, PassiveDiagnostics, Warning } from '@/lib/types.ts';
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
  return <StatCard label="TLS certificate" value={value} detail={`${cert.isSelfSigned ? 'Self-signed, ' : ''}expires ${formatDate(cert.expiresAt)}`} tone={days < 0 ? 'danger' : days < 14 ? 'warning' : undefined} />;
}

/** Warnings the overview endpoint may not compute itself: nearly full accounts, unbindable passive ports. */
async function extraWarnings(existing: Warning[]): Promise<Warning[]> {
  const codes = new Set(existing.map((w) => w.code));
  const [full, passive] = await Promise.all([apiTryGet<Page<Account>>('/api/v1/accounts?overQuota=true&pageSize=5'), apiTryGet<PassiveDiagnostics>('/api/v1/settings/passive-diagnostics')]);
  const out: Warning[] = [];
  if (full.data && full.data.total > 0 && !codes.has('ACCOUNTS_OVER_QUOTA')) {
    const names = full.data.items.map((a) => a.username).join(', ');
    out.push({ code: 'ACCOUNTS_OVER_QUOTA', message: `${full.data.total} account${full.data.total === 1 ? ' is' : 's are'} over 95 % of quota: ${names}${full.data.total > full.data.items.length ? ', …' : ''}.` });
  }
  const unbindable = passive.data?.ports.unbindable ?? [];
  if (unbindable.length > 0 && !codes.has('PASV_UNBINDABLE')) {
    out.push({ code: 'PASV_UNBINDABLE', message: `${unbindable.length} of ${passive.data?.ports.total} passive ports cannot be opened (in use by another program). Passive transfers may fail; see Settings.` });
  }
  return out;
}

export default async function OverviewPage() {
  const { data, error } = await apiTryGet<Overview>('/api/v1/overview');
  if (data) data.warnings = [...data.warnings, ...(await extraWarnings(data.warnings))];
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
