import type { Metadata } from 'next';
import { apiTryGet, requireAdmin } from '@/lib/api-server.ts';
import { itemsOf } from '@/lib/format.ts';
import type { AdminAccount } from '@/lib/types.ts';
import { PageHeader } from '@/components/ui/Card.tsx';
import { Alert } from '@/components/ui/Alert.tsx';
import { ManagePage } from '@/components/ui/ManagePage.tsx';
import { AdminList } from '@/components/admins/AdminList.tsx';
import { CreateAdminForm } from '@/components/admins/CreateAdminForm.tsx';

export const metadata: Metadata = { title: 'Administrators' };

export default async function AdminsPage() {
  const { user } = await requireAdmin();
  if (user.role !== 'OWNER') {
    return (
      <>
        <PageHeader title="Administrators" />
        <Alert tone="info">Only the owner can manage administrators.</Alert>
      </>
    );
  }
  const { data, error } = await apiTryGet<AdminAccount[]>('/api/v1/admins');
  return (
    <ManagePage
      title="Administrators"
      description="Owner: everything. Admin: accounts, sessions, logs, bans, tokens, webhooks. Support: read-only, can send reset links."
      formTitle="Add an administrator"
      form={<CreateAdminForm />}
      listTitle="Administrators"
      error={error}
    >
      <AdminList admins={itemsOf(data)} currentId={user.id} />
    </ManagePage>
  );
}
