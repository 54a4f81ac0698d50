'use client';
import Link from 'next/link';
import { api } from '@/lib/api-client.ts';
import type { Webhook } from '@/lib/types.ts';
import { Badge } from '@/components/ui/Badge.tsx';
import { EmptyState } from '@/components/ui/Card.tsx';
import { ActionList } from '@/components/ui/ActionList.tsx';
import { useRowAction } from '@/components/ui/use-row-action.ts';

export function WebhookList({ webhooks }: { webhooks: Webhook[] }) {
  const { busyId: busy, error, act } = useRowAction();

  if (webhooks.length === 0) return <EmptyState title="No webhooks yet" />;
  return (
    <ActionList error={error}>
    {webhooks.map((w) => (
        <li key={w.id} className="space-y-2 py-3">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <p className="min-w-0 font-mono text-sm break-all">
              {w.url} {w.isActive ? <Badge tone="green">active</Badge> : <Badge>paused</Badge>}
            </p>
            <div className="flex gap-2">
              <Link className="btn btn-sm" href={`/admin/webhooks/${encodeURIComponent(w.id)}`}>
                Deliveries
              </Link>
              <button type="button" className="btn btn-sm" disabled={busy === w.id} onClick={() => act(w.id, () => api.patch(`/api/v1/webhooks/${encodeURIComponent(w.id)}`, { isActive: !w.isActive }))}>
                {w.isActive ? 'Pause' : 'Resume'}
              </button>
              <button
                type="button"
                className="btn btn-sm text-red-700"
                disabled={busy === w.id}
                onClick={() => window.confirm(`Delete the webhook to ${w.url}?`) && act(w.id, () => api.del(`/api/v1/webhooks/${encodeURIComponent(w.id)}`))}
              >
                Delete
              </button>
            </div>
          </div>
          <p className="flex flex-wrap gap-1">
            {w.events.map((e) => (
              <Badge key={e}>{e}</Badge>
            ))}
          </p>
        </li>
      ))}
    </ActionList>
  );
}
