import type { Metadata } from 'next';
import type { Account } from '@/lib/types.ts';
import { PageHeader } from '@/components/ui/Card.tsx';
import { Alert } from '@/components/ui/Alert.tsx';
import { apiGet, requireAdmin } from '@/lib/api-server.ts';
import { can } from '@/lib/roles.ts';
import { AccountForm } from '@/components/accounts/AccountForm.tsx';

export const metadata: Metadata = { title: 'Edit account' };

function ReadOnlyNotice() {
  return <Alert tone="info" title="Not available to your role">Support staff can view accounts and send reset links, but not create or change accounts.</Alert>;
}

export default async function EditAccountPage({ params }: { params: Promise<{ username: string }> }) {
  const { user } = await requireAdmin();
  if (!can(user.role, 'accounts:write')) return <ReadOnlyNotice />;
  const { username } = await params;
  const account = await apiGet<Account>(`/api/v1/accounts/${encodeURIComponent(decodeURIComponent(username))}`);
  return (
    <>
      <PageHeader title={`Edit ${account.username}`} description="Changes apply to running sessions within seconds." />
      <AccountForm account={account} />
    </>
  );
}
