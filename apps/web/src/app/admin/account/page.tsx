import type { Metadata } from 'next';
import { requireAdmin } from '@/lib/api-server.ts';
import { Card, PageHeader } from '@/components/ui/Card.tsx';
import { ChangePasswordForm } from '@/components/portal/ChangePasswordForm.tsx';

export const metadata: Metadata = { title: 'My account' };

export default async function MyAccountPage() {
  const { user } = await requireAdmin();
  return (
    <>
      <PageHeader title="My account" description={`Signed in as ${user.username} (${user.role.toLowerCase()}).`} />
      <div className="max-w-lg">
        <Card title="Change password">
          <ChangePasswordForm
            username={user.username}
            path="/api/v1/auth/password"
            doneMessage="Password changed. Your other signed-in browsers were signed out; this one stays signed in."
          />
        </Card>
      </div>
    </>
  );
}
