import type { Metadata } from 'next';
import { apiTryGet, requireAdmin } from '@/lib/api-server.ts';
import type { TwoFactorStatus } from '@/lib/types.ts';
import { Alert } from '@/components/ui/Alert.tsx';
import { TwoFactorCard } from '@/components/two-factor/TwoFactorCard.tsx';
import { Card, PageHeader } from '@/components/ui/Card.tsx';
import { ChangePasswordForm } from '@/components/portal/ChangePasswordForm.tsx';

export const metadata: Metadata = { title: 'My account' };

export default async function MyAccountPage() {
  const { user } = await requireAdmin();
  const twoFactor = await apiTryGet<TwoFactorStatus>('/api/v1/auth/two-factor');
  return (
    <>
      <PageHeader title="My account" description={`Signed in as ${user.username} (${user.role.toLowerCase()}).`} />
      <div className="max-w-lg space-y-6">
        <Card title="Change password">
          <ChangePasswordForm
            username={user.username}
            path="/api/v1/auth/password"
            doneMessage="Password changed. Your other signed-in browsers were signed out; this one stays signed in."
          />
        </Card>
        <Card title="Two-factor sign-in">{twoFactor.data ? <TwoFactorCard base="/api/v1/auth/two-factor" initial={twoFactor.data} /> : <Alert>{twoFactor.error}</Alert>}</Card>
      </div>
    </>
  );
}
