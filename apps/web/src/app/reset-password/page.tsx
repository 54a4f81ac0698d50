import type { Metadata } from 'next';
import { serverFetch } from '@/lib/api-server.ts';
import type { AdminResetTokenCheck } from '@/lib/types.ts';
import { AuthCard } from '@/components/auth/AuthCard.tsx';
import { ResetPasswordForm } from '@/components/portal/ResetPasswordForm.tsx';
import { Alert } from '@/components/ui/Alert.tsx';

export const metadata: Metadata = { title: 'Choose a new password' };
export const dynamic = 'force-dynamic';

const ADMIN_TARGET = {
  endpoint: '/api/v1/auth/reset',
  doneText: 'Your other sessions were signed out.',
  signInHref: '/login',
  signInText: 'Sign in to the panel',
} as const;

async function isTokenValid(token: string): Promise<boolean> {
  try {
    const res = await serverFetch(`/api/v1/auth/reset/${encodeURIComponent(token)}`);
    if (!res.ok) return false;
    return ((await res.json()) as AdminResetTokenCheck).isValid;
  } catch {
    return false;
  }
}

export default async function AdminResetPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  const isValid = token ? await isTokenValid(token) : false;
  return (
    <AuthCard title="Choose a new panel password">
      {token && isValid ? (
        <ResetPasswordForm token={token} target={ADMIN_TARGET} />
      ) : (
        <Alert tone="error" title="This reset link cannot be used">
          It is invalid, already used or expired.{' '}
          <a className="link" href="/forgot-password">
            Ask for a new link
          </a>
          .
        </Alert>
      )}
    </AuthCard>
  );
}
