'use client';
import { api } from '@/lib/api-client.ts';
import { formatDate, timeAgo } from '@/lib/format.ts';
import type { ApiToken } from '@/lib/types.ts';
import { Badge } from '@/components/ui/Badge.tsx';
import { EmptyState } from '@/components/ui/Card.tsx';
import { ActionList } from '@/components/ui/ActionList.tsx';
import { useRowAction } from '@/components/ui/use-row-action.ts';

export function TokenList({ tokens }: { tokens: ApiToken[] }) {
  const { busyId: revoking, error, act } = useRowAction();

  const revoke = async (token: ApiToken) => {
    if (!window.confirm(`Revoke "${token.name}"? Systems using it stop working immediately.`)) return;
    await act(token.id, () => api.del(`/api/v1/tokens/${encodeURIComponent(token.id)}`));
  };

  if (tokens.length === 0) return <EmptyState title="No tokens yet" />;
  return (
    <ActionList error={error}>
    {tokens.map((t) => (
        <li key={t.id} className="flex flex-wrap items-start justify-between gap-2 py-3">
          <div className="min-w-0">
            <p className="font-medium">
              {t.name} <span className="font-mono text-xs text-slate-500">{t.prefix}…</span> {t.revokedAt && <Badge tone="red">revoked</Badge>}
            </p>
            <p className="mt-1 flex flex-wrap gap-1">
              {t.scopes.map((s) => (
                <Badge key={s}>{s}</Badge>
              ))}
            </p>
            <p className="mt-1 text-xs text-slate-500">
              Created {formatDate(t.createdAt)} · last used {timeAgo(t.lastUsedAt)} · {t.expiresAt ? `expires ${formatDate(t.expiresAt)}` : 'no expiry'}
            </p>
          </div>
          {!t.revokedAt && (
            <button type="button" className="btn btn-sm" onClick={() => revoke(t)} disabled={revoking === t.id}>
              {revoking === t.id ? 'Revoking…' : 'Revoke'}
            </button>
          )}
        </li>
      ))}
    </ActionList>
  );
}
