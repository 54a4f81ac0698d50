'use client';
import { useState } from 'react';
import { api } from '@/lib/api-client.ts';
import type { ForgotPasswordAnswer } from '@/lib/types.ts';
import { useApiAction } from '@/lib/use-api-action.ts';
import { Field, describedBy } from '@/components/ui/Field.tsx';
import { FormAlert } from '@/components/ui/FormAlert.tsx';
import { Alert } from '@/components/ui/Alert.tsx';

/** The portal's form; the dashboard's forgotten-password page uses it with the admins' endpoint. */
export function ForgotPasswordForm({ endpoint = '/api/v1/portal/forgot' }: { endpoint?: '/api/v1/portal/forgot' | '/api/v1/auth/forgot' }) {
  const [login, setLogin] = useState('');
  const [sent, setSent] = useState<string | null>(null);
  const { isPending, formError, fieldErrors, run } = useApiAction(['login']);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const result = await run(() => api.post<ForgotPasswordAnswer>(endpoint, { login }));
    if (result.ok) setSent(result.value?.message ?? 'If the account exists and has an email address, a reset link is on its way.');
  };

  if (sent) return <Alert tone="success" title="Check your email">{sent}</Alert>;
  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      <FormAlert message={formError} />
      <Field id="login" label="Username or email" error={fieldErrors.login}>
        <input id="login" className="input" autoComplete="username" autoCapitalize="none" required value={login} onChange={(e) => setLogin(e.target.value)} {...describedBy('login', fieldErrors.login)} />
      </Field>
      <button type="submit" className="btn btn-primary w-full" disabled={isPending || !login}>
        {isPending ? 'Sending…' : 'Send reset link'}
      </button>
    </form>
  );
}
