import type { ReactNode } from 'react';
import { requireAdmin } from '@/lib/api-server.ts';
import { AdminShell } from '@/components/admin/AdminShell.tsx';
import { EventStreamProvider } from '@/components/live/EventStream.tsx';
import { CsrfSeed } from '@/components/auth/CsrfSeed.tsx';

export const dynamic = 'force-dynamic';

export default async function AdminLayout({ children }: { children: ReactNode }) {
  const { user, csrfToken } = await requireAdmin();
  return (
    <EventStreamProvider>
      <CsrfSeed token={csrfToken} />
      <AdminShell username={user.username} role={user.role}>
        {children}
      </AdminShell>
    </EventStreamProvider>
  );
}
