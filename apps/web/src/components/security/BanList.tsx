'use client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { api, messageOf } from '@/lib/api-client.ts';
import { formatDateTime } from '@/lib/format.ts';
import type { Ban } from '@/lib/types.ts';
import { Alert } from '@/components/ui/Alert.tsx';
import { EmptyState } from '@/components/ui/Card.tsx';

export function BanList({ bans, canLift }: { bans: Ban[]; canLift: boolean }) {
  const router = useRouter();
  const [liftingId, setLiftingId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const lift = async (ban: Ban) => {
    setLiftingId(ban.id);
    setError(null);
    try {
      await api.del(`/api/v1/bans/${encodeURIComponent(ban.id)}`);
      router.refresh();
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setLiftingId(null);
    }
  };

  if (bans.length === 0) return <EmptyState title="No address is banned" />;
  return (
    <div className="space-y-2">
      {error && <Alert>{error}</Alert>}
      <ul className="divide-y divide-slate-100">
        {bans.map((b) => (
          <li key={b.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
            <div>
              <p className="font-mono text-sm">{b.ip}</p>
              <p className="text-xs text-slate-500">
                {b.reason} · {b.expiresAt ? `until ${formatDateTime(b.expiresAt)}` : 'until lifted'}
              </p>
            </div>
            {canLift && (
              <button type="button" className="btn btn-sm" onClick={() => lift(b)} disabled={liftingId === b.id} aria-label={`Lift the ban on ${b.ip}`}>
                {liftingId === b.id ? 'Lifting…' : 'Lift'}
              </button>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
