import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getSession, serverFetch } from '@/lib/api-server.ts';
import type { PortalConfig } from '@/lib/types.ts';
import { AuthCard } from '@/components/auth/AuthCard.tsx';
import { PortalLoginForm } from '@/components/portal/PortalLoginForm.tsx';

export const metadata: Metadata = { title: 'Customer sign in' };
export const dynamic = 'force-dynamic';

async function isResetAvailable(): Promise<boolean> {
  try {
    const res = await serverFetch('/api/v1/portal/config');
    return res.ok ? ((await res.json()) as PortalConfig).isPasswordResetAvailable : true;
  } catch {
    return true;
  }
}

export default async function PortalLoginPage() {
  const [{ user }, canReset] = await Promise.all([getSession(), isResetAvailable()]);
  if (user?.kind === 'customer') redirect('/portal');
  return (
    <AuthCard title="Customer portal" subtitle="Sign in with your FTP username and password.">
      <PortalLoginForm />
      <p className="mt-6 text-center text-sm text-slate-600">
        {canReset ? (
          <a className="link" href="/portal/forgot">
            Forgot your password?
          </a>
        ) : (
          'Forgot your password? Ask your hosting provider for a reset link.'
        )}
      </p>
    </AuthCard>
  );
}
