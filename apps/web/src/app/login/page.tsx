import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getSession, isSetupNeeded } from '@/lib/api-server.ts';
import { AuthCard } from '@/components/auth/AuthCard.tsx';
import { AdminLoginForm } from '@/components/auth/AdminLoginForm.tsx';

export const metadata: Metadata = { title: 'Sign in' };
export const dynamic = 'force-dynamic';

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  if (await isSetupNeeded()) redirect('/setup');
  const { user } = await getSession();
  if (user?.kind === 'admin') redirect('/admin');
  const { next } = await searchParams;
  const target = next?.startsWith('/admin') ? next : '/admin';
  return (
    <AuthCard title="Sign in to the panel" subtitle="Administrators only. Customers use the portal.">
      <AdminLoginForm next={target} />
      <p className="mt-4 text-center text-sm">
        <a className="link" href="/forgot-password">
          Forgot password?
        </a>
      </p>
      <p className="mt-6 text-center text-sm text-slate-600">
        Have an FTP account?{' '}
        <a className="link" href="/portal/login">
          Go to the customer portal
        </a>
      </p>
    </AuthCard>
  );
}
