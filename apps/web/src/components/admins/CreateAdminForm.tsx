'use client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { api } from '@/lib/api-client.ts';
import { useApiAction } from '@/lib/use-api-action.ts';
import type { AdminRole } from '@/lib/types.ts';
import { Field, describedBy } from '@/components/ui/Field.tsx';
import { FormAlert } from '@/components/ui/FormAlert.tsx';
import { Alert } from '@/components/ui/Alert.tsx';
import { PasswordField } from '@/components/ui/PasswordField.tsx';

export function CreateAdminForm() {
  const router = useRouter();
  const [username, setUsername] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<AdminRole>('ADMIN');
  const [created, setCreated] = useState<string | null>(null);
  const { isPending, formError, fieldErrors, run } = useApiAction(['username', 'email', 'password', 'role']);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const result = await run(() => api.post('/api/v1/admins', { username: username.trim(), password, role, email: email.trim() || undefined }));
    if (result.ok) {
      setCreated(username.trim());
      setUsername('');
      setEmail('');
      setPassword('');
      router.refresh();
    }
  };

  return (
    <form onSubmit={submit} className="space-y-4" noValidate aria-label="Add an administrator">
      {created && <Alert tone="success">{created} can sign in now.</Alert>}
      <FormAlert message={formError} />
      <Field id="admin-username" label="Username" error={fieldErrors.username}>
        <input id="admin-username" className="input" autoComplete="off" required value={username} onChange={(e) => setUsername(e.target.value)} {...describedBy('admin-username', fieldErrors.username)} />
      </Field>
      <Field id="admin-email" label="Email (optional)" error={fieldErrors.email}>
        <input id="admin-email" type="email" className="input" value={email} onChange={(e) => setEmail(e.target.value)} {...describedBy('admin-email', fieldErrors.email)} />
      </Field>
      <PasswordField id="admin-password" name="password" label="Initial password" hint="At least 10 characters. Share it safely; they can change it." isRequired value={password} onChange={setPassword} error={fieldErrors.password} />
      <Field id="admin-role" label="Role" error={fieldErrors.role}>
        <select id="admin-role" className="input" value={role} onChange={(e) => setRole(e.target.value as AdminRole)}>
          <option value="ADMIN">Admin</option>
          <option value="SUPPORT">Support (read-only)</option>
          <option value="OWNER">Owner</option>
        </select>
      </Field>
      <button type="submit" className="btn btn-primary" disabled={isPending}>
        {isPending ? 'Adding…' : 'Add administrator'}
      </button>
    </form>
  );
}
