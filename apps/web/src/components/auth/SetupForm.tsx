'use client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { api, rememberCsrfToken } from '@/lib/api-client.ts';
import { useApiAction } from '@/lib/use-api-action.ts';
import { Field, describedBy } from '@/components/ui/Field.tsx';
import { FormAlert } from '@/components/ui/FormAlert.tsx';
import { PasswordStrength } from '@/components/auth/PasswordStrength.tsx';
import { PasswordField } from '@/components/ui/PasswordField.tsx';
import type { SessionInfo } from '@/lib/types.ts';

const FIELDS = ['username', 'password', 'email', 'token'] as const;

export function SetupForm({ token }: { token: string }) {
  const router = useRouter();
  const [username, setUsername] = useState('admin');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [mismatch, setMismatch] = useState<string | undefined>();
  const { isPending, formError, fieldErrors, run } = useApiAction(FIELDS);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (password !== confirm) {
      setMismatch('The two passwords are not the same.');
      return;
    }
    setMismatch(undefined);
    const result = await run(() => api.post<SessionInfo>('/api/v1/setup', { token, username, password, email: email || undefined }));
    if (result.ok) {
      rememberCsrfToken(result.value.csrfToken);
      router.replace('/admin');
      router.refresh();
    }
  };

  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      <FormAlert message={formError ?? (fieldErrors.token ? fieldErrors.token : null)} />
      <Field id="username" label="Username" error={fieldErrors.username}>
        <input id="username" className="input" autoComplete="username" required value={username} onChange={(e) => setUsername(e.target.value)} {...describedBy('username', fieldErrors.username)} />
      </Field>
      <Field id="email" label="Email (optional)" hint="For your own password resets and notices." error={fieldErrors.email}>
        <input id="email" type="email" className="input" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} {...describedBy('email', fieldErrors.email, true)} />
      </Field>
      <PasswordField id="password" label="Password" hint="At least 10 characters; a few unrelated words make a strong one." isRequired value={password} onChange={setPassword} onGenerate={setConfirm} error={fieldErrors.password} />
      <PasswordStrength password={password} userInputs={[username, email]} />
      <Field id="confirm" label="Repeat the password" error={mismatch}>
        <input id="confirm" type="password" className="input" autoComplete="new-password" required value={confirm} onChange={(e) => setConfirm(e.target.value)} {...describedBy('confirm', mismatch)} />
      </Field>
      <button type="submit" className="btn btn-primary w-full" disabled={isPending}>
        {isPending ? 'Creating…' : 'Create owner and sign in'}
      </button>
    </form>
  );
}
