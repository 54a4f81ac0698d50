'use client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { api, rememberCsrfToken } from '@/lib/api-client.ts';
import { useApiAction } from '@/lib/use-api-action.ts';
import { Field, describedBy } from '@/components/ui/Field.tsx';
import { FormAlert } from '@/components/ui/FormAlert.tsx';
import type { SignInAnswer } from '@/lib/types.ts';

const FIELDS = ['username', 'password'] as const;

export function AdminLoginForm({ next }: { next: string }) {
  const router = useRouter();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const { isPending, formError, fieldErrors, run } = useApiAction(FIELDS);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const result = await run(() => api.post<SignInAnswer>('/api/v1/auth/login', { username, password }));
    if (result.ok) {
      rememberCsrfToken(result.value.csrfToken);
      // The password was right but a code is owed: the session is pending until the second step.
      const step = result.value.secondFactor;
      if (step) return router.push(`/login/two-factor?${new URLSearchParams({ next, ...(step === 'ENROL' ? { step: 'enrol' } : {}) })}`);
      router.replace(next);
      router.refresh();
    }
  };

  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      <FormAlert message={formError} />
      <Field id="username" label="Username" error={fieldErrors.username}>
        <input id="username" className="input" autoComplete="username" required value={username} onChange={(e) => setUsername(e.target.value)} {...describedBy('username', fieldErrors.username)} />
      </Field>
      <Field id="password" label="Password" error={fieldErrors.password}>
        <input id="password" type="password" className="input" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} {...describedBy('password', fieldErrors.password)} />
      </Field>
      <button type="submit" className="btn btn-primary w-full" disabled={isPending}>
        {isPending ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
