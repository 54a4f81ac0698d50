'use client';
import { api } from '@/lib/api-client.ts';
import { formatDateTime } from '@/lib/format.ts';
import type { Ban } from '@/lib/types.ts';
import { EmptyState } from '@/components/ui/Card.tsx';
import { ActionList } from '@/components/ui/ActionList.tsx';
import { useRowAction } from '@/components/ui/use-row-action.ts';

export function BanList({ bans, canLift }: { bans: Ban[]; canLift: boolean }) {
  const { busyId: liftingId, error, act } = useRowAction();
  const lift = (ban: Ban) => act(ban.id, () => api.del(`/api/v1/bans/${encodeURIComponent(ban.id)}`));

  if (bans.length === 0) return <EmptyState title="No address is banned" />;
  return (
    <ActionList error={error}>
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
    </ActionList>
  );
}
