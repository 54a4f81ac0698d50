'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { api } from '@/lib/api-client.ts';
import { useApiAction } from '@/lib/use-api-action.ts';
import { PERMISSIONS, type Account, type CreatedAccount, type Permission } from '@/lib/types.ts';
import { Field, describedBy } from '@/components/ui/Field.tsx';
import { FormAlert } from '@/components/ui/FormAlert.tsx';
import { GeneratedPassword } from './GeneratedPassword.tsx';
import { PasswordField } from '@/components/ui/PasswordField.tsx';
import { EMPTY_ACCOUNT_FORM, accountPayload, checkAccountForm, formValuesFromAccount, type AccountFormValues, type TlsSessionReuseChoice } from './account-form-values.ts';

const API_FIELDS = ['username', 'password', 'email', 'status', 'expiresAt', 'homeDir', 'quotaBytes', 'quotaFiles', 'uploadKiBps', 'downloadKiBps', 'maxSessions', 'allowedCidrs', 'deniedCidrs', 'permissions', 'requireTls', 'isTlsSessionReuseRequired', 'note'] as const;

const PERMISSION_LABELS: Record<Permission, string> = {
  list: 'List folders',
  read: 'Download files',
  write: 'Upload files',
  delete: 'Delete files',
  rename: 'Rename and move',
  mkdir: 'Create folders',
};

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <fieldset className="card p-4 sm:p-5">
      <legend className="sr-only">{title}</legend>
      <h2 className="mb-4 text-base font-semibold text-slate-900" aria-hidden="true">
        {title}
      </h2>
      <div className="grid gap-4 sm:grid-cols-2">{children}</div>
    </fieldset>
  );
}

export function AccountForm({ account }: { account?: Account }) {
  const isNew = !account;
  const router = useRouter();
  const [values, setValues] = useState<AccountFormValues>(account ? formValuesFromAccount(account) : EMPTY_ACCOUNT_FORM);
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const [created, setCreated] = useState<{ username: string; password: string } | null>(null);
  const { isPending, formError, fieldErrors: apiErrors, run } = useApiAction(API_FIELDS);
  const errors = { ...apiErrors, ...localErrors };

  const set = <K extends keyof AccountFormValues>(key: K, value: AccountFormValues[K]) => setValues((v) => ({ ...v, [key]: value }));
  const togglePermission = (p: Permission) => set('permissions', values.permissions.includes(p) ? values.permissions.filter((x) => x !== p) : [...values.permissions, p]);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const local = checkAccountForm(values, isNew);
    setLocalErrors(local);
    if (Object.keys(local).length) return;
    const body = accountPayload(values, isNew);
    if (isNew) {
      const result = await run(() => api.post<CreatedAccount>('/api/v1/accounts', body));
      if (!result.ok) return;
      if (result.value.password) setCreated({ username: result.value.account.username, password: result.value.password });
      else router.push(`/admin/accounts/${encodeURIComponent(result.value.account.username)}`);
      return;
    }
    const path = `/api/v1/accounts/${encodeURIComponent(account.username)}`;
    const result = await run(() => api.patch<Account>(path, body, { 'if-match': `"v${account.version}"` }));
    if (result.ok) {
      router.push(`/admin/accounts/${encodeURIComponent(account.username)}`);
      router.refresh();
    }
  };

  if (created) return <GeneratedPassword username={created.username} password={created.password} />;

  const id = (name: string) => `account-${name}`;
  return (
    <form onSubmit={submit} className="space-y-5" noValidate aria-label={isNew ? 'New account' : `Edit ${account.username}`}>
      <FormAlert message={formError} />
      <Section title="Identity">
        <Field id={id('username')} label="Username" hint={isNew ? 'Letters, digits, dot, dash and underscore. Cannot be changed later.' : 'Usernames cannot be changed.'} error={errors.username}>
          <input id={id('username')} name="username" className="input" autoCapitalize="none" autoComplete="off" disabled={!isNew} required value={values.username} onChange={(e) => set('username', e.target.value)} {...describedBy(id('username'), errors.username, true)} />
        </Field>
        {isNew && (
          <PasswordField id={id('password')} name="password" label="Password" hint="Leave empty to generate a strong one, shown once after saving." value={values.password} onChange={(v) => set('password', v)} error={errors.password} />
        )}
        <Field id={id('email')} label="Email" hint="Needed for password reset links." error={errors.email}>
          <input id={id('email')} name="email" type="email" className="input" autoComplete="off" value={values.email} onChange={(e) => set('email', e.target.value)} {...describedBy(id('email'), errors.email, true)} />
        </Field>
        <Field id={id('status')} label="Status" hint="Disabled accounts cannot sign in; their files are kept." error={errors.status}>
          <select id={id('status')} name="status" className="input" value={values.status} onChange={(e) => set('status', e.target.value as AccountFormValues['status'])} {...describedBy(id('status'), errors.status, true)}>
            <option value="ACTIVE">Active</option>
            <option value="DISABLED">Disabled</option>
          </select>
        </Field>
        <Field id={id('expiresAt')} label="Expires on" hint="Optional. The account stops working at the end of this day (UTC)." error={errors.expiresAt}>
          <input id={id('expiresAt')} name="expiresAt" type="date" className="input" value={values.expiresOn} onChange={(e) => set('expiresOn', e.target.value)} {...describedBy(id('expiresAt'), errors.expiresAt, true)} />
        </Field>
        <Field id={id('homeDir')} label="Home folder" hint="Relative to the homes root. Empty = the username." error={errors.homeDir}>
          <input id={id('homeDir')} name="homeDir" className="input font-mono" placeholder={values.username || 'username'} value={values.homeDir} onChange={(e) => set('homeDir', e.target.value)} {...describedBy(id('homeDir'), errors.homeDir, true)} />
        </Field>
      </Section>

      <Section title="Quota and limits">
        <Field id={id('quotaBytes')} label="Storage quota" hint="0 = unlimited. 1 GiB = 1024 MiB." error={errors.quotaBytes}>
          <div className="flex gap-2">
            <input id={id('quotaBytes')} name="quotaBytes" type="number" min={0} step="any" inputMode="decimal" className="input" value={values.quotaAmount} onChange={(e) => set('quotaAmount', e.target.value)} {...describedBy(id('quotaBytes'), errors.quotaBytes, true)} />
            <label htmlFor={id('quotaUnit')} className="sr-only">
              Quota unit
            </label>
            <select id={id('quotaUnit')} name="quotaUnit" className="input w-24" value={values.quotaUnit} onChange={(e) => set('quotaUnit', e.target.value as AccountFormValues['quotaUnit'])}>
              <option value="MiB">MiB</option>
              <option value="GiB">GiB</option>
            </select>
          </div>
        </Field>
        <Field id={id('quotaFiles')} label="File count quota" hint="Maximum number of files. 0 = unlimited." error={errors.quotaFiles}>
          <input id={id('quotaFiles')} name="quotaFiles" type="number" min={0} step={1} inputMode="numeric" className="input" value={values.quotaFiles} onChange={(e) => set('quotaFiles', e.target.value)} {...describedBy(id('quotaFiles'), errors.quotaFiles, true)} />
        </Field>
        <Field id={id('uploadKiBps')} label="Upload speed (KiB/s)" hint="Shared by all the account's sessions. 0 = unlimited; 1024 KiB/s = 1 MiB/s." error={errors.uploadKiBps}>
          <input id={id('uploadKiBps')} name="uploadKiBps" type="number" min={0} step={1} inputMode="numeric" className="input" value={values.uploadKiBps} onChange={(e) => set('uploadKiBps', e.target.value)} {...describedBy(id('uploadKiBps'), errors.uploadKiBps, true)} />
        </Field>
        <Field id={id('downloadKiBps')} label="Download speed (KiB/s)" hint="0 = unlimited. Changes apply to running transfers." error={errors.downloadKiBps}>
          <input id={id('downloadKiBps')} name="downloadKiBps" type="number" min={0} step={1} inputMode="numeric" className="input" value={values.downloadKiBps} onChange={(e) => set('downloadKiBps', e.target.value)} {...describedBy(id('downloadKiBps'), errors.downloadKiBps, true)} />
        </Field>
        <Field id={id('maxSessions')} label="Simultaneous sessions" hint="0 = unlimited." error={errors.maxSessions}>
          <input id={id('maxSessions')} name="maxSessions" type="number" min={0} step={1} inputMode="numeric" className="input" value={values.maxSessions} onChange={(e) => set('maxSessions', e.target.value)} {...describedBy(id('maxSessions'), errors.maxSessions, true)} />
        </Field>
      </Section>

      <Section title="Access">
        <Field id={id('allowedCidrs')} label="Allowed addresses" hint="One IP or CIDR per line, e.g. 203.0.113.0/24. Empty = any address." error={errors.allowedCidrs}>
          <textarea id={id('allowedCidrs')} name="allowedCidrs" rows={3} className="input font-mono" value={values.allowedCidrs} onChange={(e) => set('allowedCidrs', e.target.value)} {...describedBy(id('allowedCidrs'), errors.allowedCidrs, true)} />
        </Field>
        <Field id={id('deniedCidrs')} label="Denied addresses" hint="One IP or CIDR per line. Denials win over allowances." error={errors.deniedCidrs}>
          <textarea id={id('deniedCidrs')} name="deniedCidrs" rows={3} className="input font-mono" value={values.deniedCidrs} onChange={(e) => set('deniedCidrs', e.target.value)} {...describedBy(id('deniedCidrs'), errors.deniedCidrs, true)} />
        </Field>
        <fieldset className="sm:col-span-2" aria-describedby={errors.permissions ? id('permissions-error') : undefined}>
          <legend className="label">Permissions</legend>
          <div className="grid grid-cols-2 gap-2 sm:grid-cols-3">
            {PERMISSIONS.map((p) => (
              <label key={p} className="flex items-center gap-2 rounded-lg border border-slate-200 px-3 py-2 text-sm">
                <input type="checkbox" name="permissions" value={p} className="h-4 w-4 rounded border-slate-300" checked={values.permissions.includes(p)} onChange={() => togglePermission(p)} />
                {PERMISSION_LABELS[p]}
              </label>
            ))}
          </div>
          {errors.permissions && (
            <p id={id('permissions-error')} className="field-error">
              {errors.permissions}
            </p>
          )}
        </fieldset>
        <div className="sm:col-span-2">
          <label className="flex items-start gap-2 text-sm text-slate-800">
            <input type="checkbox" name="requireTls" className="mt-0.5 h-4 w-4 rounded border-slate-300" checked={values.requireTls} onChange={(e) => set('requireTls', e.target.checked)} />
            <span>
              Require TLS (FTPS)
              <span className="block text-xs text-slate-500">Plain FTP logins are refused; passwords never cross the network unencrypted.</span>
            </span>
          </label>
          {errors.requireTls && <p className="field-error">{errors.requireTls}</p>}
        </div>
        <div className="sm:col-span-2">
          <Field
            id={id('isTlsSessionReuseRequired')}
            label="TLS session reuse on data connections"
            hint="Some clients cannot resume the TLS session on file transfers (Python ftplib, wget with implicit FTPS, several Java, .NET and Go clients): choose “Not required” for this account if its transfers fail with 522."
            error={errors.isTlsSessionReuseRequired}
          >
            <select
              id={id('isTlsSessionReuseRequired')}
              name="isTlsSessionReuseRequired"
              className="input"
              value={values.tlsSessionReuse}
              onChange={(e) => set('tlsSessionReuse', e.target.value as TlsSessionReuseChoice)}
              {...describedBy(id('isTlsSessionReuseRequired'), errors.isTlsSessionReuseRequired, true)}
            >
              <option value="default">Server default</option>
              <option value="required">Required</option>
              <option value="optional">Not required (for clients that cannot resume)</option>
            </select>
          </Field>
        </div>
        <div className="sm:col-span-2">
          <Field id={id('note')} label="Internal note" hint="Only administrators see this." error={errors.note}>
            <textarea id={id('note')} name="note" rows={2} className="input" value={values.note} onChange={(e) => set('note', e.target.value)} {...describedBy(id('note'), errors.note, true)} />
          </Field>
        </div>
      </Section>

      <div className="flex flex-wrap gap-2">
        <button type="submit" className="btn btn-primary" disabled={isPending}>
          {isPending ? 'Saving…' : isNew ? 'Create account' : 'Save changes'}
        </button>
        <Link className="btn" href={isNew ? '/admin/accounts' : `/admin/accounts/${encodeURIComponent(account.username)}`}>
          Cancel
        </Link>
      </div>
    </form>
  );
}
