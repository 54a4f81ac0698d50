import type { Metadata } from 'next';
import { AuthCard } from '@/components/auth/AuthCard.tsx';
import { ForgotPasswordForm } from '@/components/portal/ForgotPasswordForm.tsx';

export const metadata: Metadata = { title: 'Forgot password' };

export default function AdminForgotPage() {
  return (
    <AuthCard
      title="Reset your panel password"
      subtitle="Enter your administrator username or email. If your account has an email address, a reset link is sent to it. Without one, ask an owner, or run ftpadmin admin passwd on the server."
    >
      <ForgotPasswordForm endpoint="/api/v1/auth/forgot" />
      <p className="mt-6 text-center text-sm text-slate-600">
        <a className="link" href="/login">
          Back to sign in
        </a>
      </p>
    </AuthCard>
  );
}
