import { Alert } from '@/components/ui/Alert.tsx';
import type { Warning } from '@/lib/types.ts';

const TITLES: Record<string, string> = {
  PASV_UNBINDABLE: 'Passive ports cannot be opened',
  PASV_OVERLAPS_EPHEMERAL: 'Passive range overlaps the ephemeral ports',
  CERT_EXPIRING: 'Certificate expires soon',
  CERT_EXPIRED: 'Certificate has expired',
  ACCOUNT_OVER_QUOTA: 'Accounts almost full',
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
