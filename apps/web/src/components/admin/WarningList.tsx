import { Alert } from '@/components/ui/Alert.tsx';
import type { Warning } from '@/lib/types.ts';

const TITLES: Record<string, string> = {
  PASV_UNBINDABLE: 'Passive ports cannot be opened',
  PASV_OVERLAPS_EPHEMERAL: 'Passive range overlaps the ephemeral ports',
  CERTIFICATE_EXPIRING: 'Certificate expires soon',
  CERTIFICATE_EXPIRED: 'Certificate has expired',
  CERTIFICATE_SELF_SIGNED: 'Self-signed certificate',
  DISK_LOW: 'Homes disk almost full',
  ACCOUNTS_OVER_QUOTA: 'Accounts almost full',
  ACCOUNT_OVER_QUOTA: 'Accounts almost full',
  SMTP_NOT_CONFIGURED: 'Email is not set up',
};

export function WarningList({ warnings }: { warnings: Warning[] }) {
  return (
    <div className="space-y-2" data-testid="warnings">
      {warnings.map((w, i) => (
        <Alert key={`${w.code}-${i}`} tone="warning" title={TITLES[w.code] ?? 'Needs attention'}>
          {w.message}
        </Alert>
      ))}
    </div>
  );
}
