'use client';
import { api } from '@/lib/api-client.ts';
import { timeAgo } from '@/lib/format.ts';
import type { AdminAccount, AdminRole } from '@/lib/types.ts';
import { StatusBadge } from '@/components/ui/Badge.tsx';
import { ActionList } from '@/components/ui/ActionList.tsx';
import { useRowAction } from '@/components/ui/use-row-action.ts';

export function AdminList({ admins, currentId }: { admins: AdminAccount[]; currentId: string }) {
  const { busyId: busy, error, act } = useRowAction();
  const path = (id: string) => `/api/v1/admins/${encodeURIComponent(id)}`;

  return (
    <ActionList error={error}>
    {admins.map((a) => {
        const isSelf = a.id === currentId;
        return (
          <li key={a.id} className="flex flex-wrap items-center justify-between gap-2 py-3">
            <div>
              <p className="font-medium">
                {a.username} {isSelf && <span className="text-xs text-slate-500">(you)</span>} <StatusBadge status={a.status} />
              </p>
              <p className="text-xs text-slate-500">
                {a.email ?? 'no email'} · last sign-in {timeAgo(a.lastLoginAt)}
              </p>
            </div>
            <div className="flex flex-wrap items-center gap-2">
              <label className="sr-only" htmlFor={`role-${a.id}`}>
                Role of {a.username}
              </label>
              <select id={`role-${a.id}`} className="input w-auto py-1 text-xs" value={a.role} disabled={isSelf || busy === a.id} onChange={(e) => act(a.id, () => api.patch(path(a.id), { role: e.target.value as AdminRole }))}>
                <option value="OWNER">Owner</option>
                <option value="ADMIN">Admin</option>
                <option value="SUPPORT">Support</option>
              </select>
              {!isSelf && (
                <>
                  <button type="button" className="btn btn-sm" disabled={busy === a.id} onClick={() => act(a.id, () => api.patch(path(a.id), { status: a.status === 'ACTIVE' ? 'DISABLED' : 'ACTIVE' }))}>
                    {a.status === 'ACTIVE' ? 'Disable' : 'Enable'}
                  </button>
                  <button type="button" className="btn btn-sm text-red-700" disabled={busy === a.id} onClick={() => window.confirm(`Remove ${a.username}?`) && act(a.id, () => api.del(path(a.id)))}>
                    Remove
                  </button>
                </>
              )}
            </div>
          </li>
        );
      })}
    </ActionList>
  );
}
