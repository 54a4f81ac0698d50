import type { Metadata } from 'next';
import { PageHeader } from '@/components/ui/Card.tsx';
import { Alert } from '@/components/ui/Alert.tsx';
import { requireAdmin } from '@/lib/api-server.ts';
import { can } from '@/lib/roles.ts';
import { AccountForm } from '@/components/accounts/AccountForm.tsx';

export const metadata: Metadata = { title: 'New account' };

function ReadOnlyNotice() {
  return <Alert tone="info" title="Not available to your role">Support staff can view accounts and send reset links, but not create or change accounts.</Alert>;
}

export default async function NewAccountPage() {
  const { user } = await requireAdmin();
  if (!can(user.role, 'accounts:write')) return <ReadOnlyNotice />;
  return (
    <>
      <PageHeader title="New account" description="An FTP user with its own home folder. Every limit can be changed later and applies live." />
      <AccountForm />
    </>
  );
}
