'use client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { api } from '@/lib/api-client.ts';
import { useApiAction } from '@/lib/use-api-action.ts';
import { TOKEN_SCOPES, type CreatedApiToken } from '@/lib/types.ts';
import { Field, describedBy } from '@/components/ui/Field.tsx';
import { FormAlert } from '@/components/ui/FormAlert.tsx';
import { Alert } from '@/components/ui/Alert.tsx';
import { CopyButton } from '@/components/ui/CopyButton.tsx';

const SCOPE_HINTS: Record<string, string> = {
  'accounts:read': 'List and read accounts',
  'accounts:write': 'Create, change and delete accounts',
  'sessions:read': 'See live sessions',
  'sessions:write': 'Disconnect sessions',
  'logs:read': 'Read transfer and login logs',
  'settings:read': 'Read server settings',
  'settings:write': 'Change server settings',
};

export function CreateTokenForm() {
  const router = useRouter();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<string[]>(['accounts:read']);
  const [expiresOn, setExpiresOn] = useState('');
  const [secret, setSecret] = useState<{ name: string; value: string } | null>(null);
  const { isPending, formError, fieldErrors, run } = useApiAction(['name', 'scopes', 'expiresAt']);

  const toggle = (scope: string) => setScopes((s) => (s.includes(scope) ? s.filter((x) => x !== scope) : [...s, scope]));
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const expiresAt = expiresOn ? `${expiresOn}T23:59:59.000Z` : undefined;
    const result = await run(() => api.post<CreatedApiToken>('/api/v1/tokens', { name: name.trim(), scopes, expiresAt }));
    if (result.ok) {
      setSecret({ name: result.value.token.name, value: result.value.secret });
      setName('');
      router.refresh();
    }
  };

  return (
    <div className="space-y-4">
      {secret && (
        <div className="space-y-2" data-testid="token-secret">
          <Alert tone="success" title={`Token "${secret.name}" created`}>
            Copy it now: it is shown only once.
          </Alert>
          <div className="flex flex-wrap items-center gap-2">
            <code className="rounded-lg bg-slate-100 px-3 py-2 font-mono text-sm break-all" data-secret="token">
              {secret.value}
            </code>
            <CopyButton text={secret.value} />
          </div>
          <button type="button" className="btn btn-sm" onClick={() => setSecret(null)}>
            I have copied it
          </button>
        </div>
      )}
      <form onSubmit={submit} className="space-y-4" noValidate aria-label="New token">
        <FormAlert message={formError} />
        <Field id="token-name" label="Name" hint="What uses it, e.g. billing-system." error={fieldErrors.name}>
          <input id="token-name" className="input" required value={name} onChange={(e) => setName(e.target.value)} {...describedBy('token-name', fieldErrors.name, true)} />
        </Field>
        <fieldset>
          <legend className="label">Scopes</legend>
          <div className="space-y-1.5">
            {TOKEN_SCOPES.map((scope) => (
              <label key={scope} className="flex items-start gap-2 text-sm">
                <input type="checkbox" className="mt-0.5 h-4 w-4" name="scopes" value={scope} checked={scopes.includes(scope)} onChange={() => toggle(scope)} />
                <span>
                  <span className="font-mono text-xs">{scope}</span>
                  <span className="block text-xs text-slate-500">{SCOPE_HINTS[scope]}</span>
                </span>
              </label>
            ))}
          </div>
          {fieldErrors.scopes && <p className="field-error">{fieldErrors.scopes}</p>}
        </fieldset>
        <Field id="token-expires" label="Expires on (optional)" hint="Empty = until revoked." error={fieldErrors.expiresAt}>
          <input id="token-expires" type="date" className="input" value={expiresOn} onChange={(e) => setExpiresOn(e.target.value)} {...describedBy('token-expires', fieldErrors.expiresAt, true)} />
        </Field>
        <button type="submit" className="btn btn-primary" disabled={isPending || !name.trim() || scopes.length === 0}>
          {isPending ? 'Creating…' : 'Create token'}
        </button>
      </form>
    </div>
  );
}
