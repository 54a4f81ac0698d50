import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { isSetupNeeded } from '@/lib/api-server.ts';
import { AuthCard } from '@/components/auth/AuthCard.tsx';
import { SetupForm } from '@/components/auth/SetupForm.tsx';
import { Alert } from '@/components/ui/Alert.tsx';

export const metadata: Metadata = { title: 'First-run setup' };
export const dynamic = 'force-dynamic';

export default async function SetupPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  if (!(await isSetupNeeded())) redirect('/login');
  const { token } = await searchParams;
  return (
    <AuthCard title="Create the owner account" subtitle="This account can manage everything, including other administrators.">
      {token ? (
        <SetupForm token={token} />
      ) : (
        <Alert tone="warning" title="Open the one-time setup link">
          The server printed a link ending in <code>/setup?token=…</code> when it started. Open that exact link to continue.
        </Alert>
      )}
    </AuthCard>
  );
}
