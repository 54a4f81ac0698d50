'use client';
import { useState } from 'react';
import { api } from '@/lib/api-client.ts';
import { useApiAction } from '@/lib/use-api-action.ts';
import { Field, describedBy } from '@/components/ui/Field.tsx';
import { FormAlert } from '@/components/ui/FormAlert.tsx';
import { Alert } from '@/components/ui/Alert.tsx';
import { PasswordStrength } from '@/components/auth/PasswordStrength.tsx';
import { PasswordField } from '@/components/ui/PasswordField.tsx';

/** The signed-in person's own password: customers (the default) or admins (path, doneMessage). */
export function ChangePasswordForm({
  username,
  path = '/api/v1/me/password',
  doneMessage = 'Password changed. Update it in your FTP client: the old one no longer works.',
}: {
  username: string;
  path?: string;
  doneMessage?: string;
}) {
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [mismatch, setMismatch] = useState<string | undefined>();
  const [isDone, setIsDone] = useState(false);
  const { isPending, formError, fieldErrors, run } = useApiAction(['currentPassword', 'newPassword']);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setIsDone(false);
    if (newPassword !== confirm) return setMismatch('The two passwords are not the same.');
    setMismatch(undefined);
    const result = await run(() => api.post(path, { currentPassword, newPassword }));
    if (result.ok) {
      setIsDone(true);
      setCurrentPassword('');
      setNewPassword('');
      setConfirm('');
    }
  };

  return (
    <form onSubmit={submit} className="space-y-4" noValidate aria-label="Change password">
      {isDone && <Alert tone="success">{doneMessage}</Alert>}
      <FormAlert message={formError} />
      <input type="text" name="username" autoComplete="username" value={username} readOnly hidden />
      <Field id="currentPassword" label="Current password" error={fieldErrors.currentPassword}>
        <input id="currentPassword" type="password" className="input" autoComplete="current-password" required value={currentPassword} onChange={(e) => setCurrentPassword(e.target.value)} {...describedBy('currentPassword', fieldErrors.currentPassword)} />
      </Field>
      <PasswordField id="newPassword" label="New password" isRequired value={newPassword} onChange={setNewPassword} onGenerate={setConfirm} error={fieldErrors.newPassword} />
      <PasswordStrength password={newPassword} userInputs={[username]} />
      <Field id="confirmPassword" label="Repeat the new password" error={mismatch}>
        <input id="confirmPassword" type="password" className="input" autoComplete="new-password" required value={confirm} onChange={(e) => setConfirm(e.target.value)} {...describedBy('confirmPassword', mismatch)} />
      </Field>
      <button type="submit" className="btn btn-primary" disabled={isPending}>
        {isPending ? 'Saving…' : 'Change password'}
      </button>
    </form>
  );
}
