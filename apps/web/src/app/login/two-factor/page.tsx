import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getSession } from '@/lib/api-server.ts';
import { AuthCard } from '@/components/auth/AuthCard.tsx';
import { CsrfSeed } from '@/components/auth/CsrfSeed.tsx';
import { SecondFactorForm } from '@/components/two-factor/SecondFactorForm.tsx';

export const metadata: Metadata = { title: 'Two-factor sign-in' };
export const dynamic = 'force-dynamic';

/** The admin sign-in's second step (the password was accepted; the session waits for the code). */
export default async function AdminSecondFactorPage({ searchParams }: { searchParams: Promise<{ next?: string; step?: string }> }) {
  const { next, step } = await searchParams;
  const target = next?.startsWith('/admin') ? next : '/admin';
  const { user, csrfToken } = await getSession();
  if (user?.kind === 'admin') redirect(target);
  // No half-finished sign-in (it expired, or the password step never happened).
  if (!csrfToken) redirect('/login');
  const isEnrolment = step === 'enrol';
  return (
    <AuthCard title={isEnrolment ? 'Set up two-factor sign-in' : 'Two-factor sign-in'} subtitle={isEnrolment ? undefined : 'Enter the 6-digit code from your authenticator app.'}>
      <CsrfSeed token={csrfToken} />
      <SecondFactorForm step={isEnrolment ? 'ENROL' : 'VERIFY'} next={target} signInPath="/login" />
    </AuthCard>
  );
}
