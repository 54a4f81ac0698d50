import type { Metadata } from 'next';
import { apiGet } from '@/lib/api-server.ts';
import type { Account } from '@/lib/types.ts';
import { PageHeader } from '@/components/ui/Card.tsx';
import { AccountForm } from '@/components/accounts/AccountForm.tsx';

export const metadata: Metadata = { title: 'Edit account' };

export default async function EditAccountPage({ params }: { params: Promise<{ username: string }> }) {
  const { username } = await params;
  const account = await apiGet<Account>(`/api/v1/accounts/${encodeURIComponent(decodeURIComponent(username))}`);
  return (
    <>
      <PageHeader title={`Edit ${account.username}`} description="Changes apply to running sessions within seconds." />
      <AccountForm account={account} />
    </>
  );
}
