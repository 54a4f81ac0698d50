'use client';
import { useState } from 'react';
import { api } from '@/lib/api-client.ts';
import { useApiAction } from '@/lib/use-api-action.ts';
import { Field, describedBy } from '@/components/ui/Field.tsx';
import { FormAlert } from '@/components/ui/FormAlert.tsx';
import { Alert } from '@/components/ui/Alert.tsx';
import { PasswordStrength } from '@/components/auth/PasswordStrength.tsx';
import { PasswordField } from '@/components/ui/PasswordField.tsx';

type ResetTarget = { endpoint: '/api/v1/portal/reset' | '/api/v1/auth/reset'; doneText: string; signInHref: string; signInText: string };

const PORTAL: ResetTarget = { endpoint: '/api/v1/portal/reset', doneText: 'Use the new password in your FTP client now.', signInHref: '/portal/login', signInText: 'Sign in to the portal' };

/** The portal's form; the dashboard's reset page uses it with the admins' endpoint and sign-in page. */
export function ResetPasswordForm({ token, target = PORTAL }: { token: string; target?: ResetTarget }) {
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [mismatch, setMismatch] = useState<string | undefined>();
  const [isDone, setIsDone] = useState(false);
  const { isPending, formError, fieldErrors, run } = useApiAction(['password']);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (password !== confirm) return setMismatch('The two passwords are not the same.');
    setMismatch(undefined);
    const result = await run(() => api.post(target.endpoint, { token, password }));
    if (result.ok) setIsDone(true);
  };

  if (isDone) {
    return (
      <Alert tone="success" title="Password changed">
        {target.doneText}{' '}
        <a className="link" href={target.signInHref}>
          {target.signInText}
        </a>
      </Alert>
    );
  }
  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      <FormAlert message={formError} />
      <PasswordField id="password" label="New password" isRequired value={password} onChange={setPassword} onGenerate={setConfirm} error={fieldErrors.password} />
      <PasswordStrength password={password} />
      <Field id="confirm" label="Repeat the new password" error={mismatch}>
        <input id="confirm" type="password" className="input" autoComplete="new-password" required value={confirm} onChange={(e) => setConfirm(e.target.value)} {...describedBy('confirm', mismatch)} />
      </Field>
      <button type="submit" className="btn btn-primary w-full" disabled={isPending}>
        {isPending ? 'Saving…' : 'Set new password'}
      </button>
    </form>
  );
}
