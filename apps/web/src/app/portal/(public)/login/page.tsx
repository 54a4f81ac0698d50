import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getSession } from '@/lib/api-server.ts';
import { AuthCard } from '@/components/auth/AuthCard.tsx';
import { PortalLoginForm } from '@/components/portal/PortalLoginForm.tsx';

export const metadata: Metadata = { title: 'Customer sign in' };
export const dynamic = 'force-dynamic';

export default async function PortalLoginPage() {
  const { user } = await getSession();
  if (user?.kind === 'customer') redirect('/portal');
  return (
    <AuthCard title="Customer portal" subtitle="Sign in with your FTP username and password.">
      <PortalLoginForm />
      <p className="mt-6 text-center text-sm text-slate-600">
        <a className="link" href="/portal/forgot">
          Forgot your password?
        </a>
      </p>
    </AuthCard>
  );
}
