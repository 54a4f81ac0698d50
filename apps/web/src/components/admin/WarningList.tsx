import { Alert } from '@/components/ui/Alert.tsx';
import type { Warning } from '@/lib/types.ts';

/** Titles for the codes the overview endpoint sends; the API writes the message. */
const TITLES: Record<string, string> = {
  ACCOUNTS_NEAR_QUOTA: 'Accounts almost full',
  PASV_PORTS_UNBINDABLE: 'Passive ports cannot be opened',
  PASV_OVERLAPS_EPHEMERAL: 'Passive range overlaps the ephemeral ports',
  CERT_EXPIRING: 'Certificate expires soon',
  CERT_EXPIRED: 'Certificate has expired',
  CERT_SELF_SIGNED: 'Self-signed certificate',
  DISK_LOW: 'Homes disk almost full',
  SMTP_NOT_CONFIGURED: 'Email is not set up',
};

export function WarningList({ warnings }: { warnings: Warning[] }) {
  return (
    <div className="space-y-2" data-testid="warnings">
      {warnings.map((w, i) => (
        <div key={`${w.code}-${i}`} data-warning={w.code}>
          <Alert tone={'severity' in w && w.severity === 'info' ? 'info' : 'warning'} title={TITLES[w.code] ?? 'Needs attention'}>
            {w.message}
          </Alert>
        </div>
      ))}
    </div>
  );
}
