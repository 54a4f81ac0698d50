import type { Metadata } from 'next';
import { AuthCard } from '@/components/auth/AuthCard.tsx';
import { ForgotPasswordForm } from '@/components/portal/ForgotPasswordForm.tsx';

export const metadata: Metadata = { title: 'Forgot password' };

export default function ForgotPage() {
  return (
    <AuthCard title="Reset your FTP password" subtitle="Enter your username or email. If the account has an email address, a reset link is sent to it.">
      <ForgotPasswordForm />
      <p className="mt-6 text-center text-sm text-slate-600">
        <a className="link" href="/portal/login">
          Back to sign in
        </a>
      </p>
    </AuthCard>
  );
}
