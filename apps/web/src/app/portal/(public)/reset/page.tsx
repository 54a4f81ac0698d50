import type { Metadata } from 'next';
import { serverFetch } from '@/lib/api-server.ts';
import type { ResetTokenCheck } from '@/lib/types.ts';
import { AuthCard } from '@/components/auth/AuthCard.tsx';
import { ResetPasswordForm } from '@/components/portal/ResetPasswordForm.tsx';
import { Alert } from '@/components/ui/Alert.tsx';

export const metadata: Metadata = { title: 'Choose a new password' };
export const dynamic = 'force-dynamic';

async function isTokenValid(token: string): Promise<boolean> {
  try {
    const res = await serverFetch(`/api/v1/portal/reset/${encodeURIComponent(token)}`);
    if (!res.ok) return false;
    return ((await res.json()) as ResetTokenCheck).isValid;
  } catch {
    return false;
  }
}

export default async function ResetPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  const isValid = token ? await isTokenValid(token) : false;
  return (
    <AuthCard title="Choose a new FTP password">
      {token && isValid ? (
        <ResetPasswordForm token={token} />
      ) : (
        <Alert tone="error" title="This reset link cannot be used">
          It is invalid, already used or expired.{' '}
          <a className="link" href="/portal/forgot">
            Ask for a new link
          </a>
          .
        </Alert>
      )}
    </AuthCard>
  );
}
