import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getSession } from '@/lib/api-server.ts';
import { AuthCard } from '@/components/auth/AuthCard.tsx';
import { CsrfSeed } from '@/components/auth/CsrfSeed.tsx';
import { SecondFactorForm } from '@/components/two-factor/SecondFactorForm.tsx';

export const metadata: Metadata = { title: 'Two-factor sign-in' };
export const dynamic = 'force-dynamic';

/** The portal sign-in's second step (the password was accepted; the session waits for the code). */
export default async function PortalSecondFactorPage() {
  const { user, csrfToken } = await getSession();
  if (user?.kind === 'customer') redirect('/portal');
  if (!csrfToken) redirect('/portal/login');
  return (
    <AuthCard title="Two-factor sign-in" subtitle="Enter the 6-digit code from your authenticator app.">
      <CsrfSeed token={csrfToken} />
      <SecondFactorForm step="VERIFY" next="/portal" signInPath="/portal/login" />
    </AuthCard>
  );
}
