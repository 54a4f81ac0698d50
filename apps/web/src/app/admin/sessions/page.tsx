import type { Metadata } from 'next';
import { apiTryGet, requireAdmin } from '@/lib/api-server.ts';
import { can } from '@/lib/roles.ts';
import { itemsOf } from '@/lib/format.ts';
import type { LiveSession } from '@/lib/types.ts';
import { PageHeader } from '@/components/ui/Card.tsx';
import { LiveSessionList } from '@/components/sessions/LiveSessionList.tsx';

export const metadata: Metadata = { title: 'Live sessions' };

export default async function SessionsPage() {
  const { user } = await requireAdmin();
  const { data, error } = await apiTryGet<LiveSession[]>('/api/v1/sessions');
  return (
    <>
      <PageHeader title="Live sessions" description="Who is connected and what they are transferring, updated as it happens." />
      <LiveSessionList initial={itemsOf(data)} loadError={error} canKick={can(user.role, 'sessions:write')} />
    </>
  );
}
