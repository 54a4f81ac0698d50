'use client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { api } from '@/lib/api-client.ts';
import { useApiAction } from '@/lib/use-api-action.ts';
import type { CreatedWebhook } from '@/lib/types.ts';
import { Field, describedBy } from '@/components/ui/Field.tsx';
import { FormAlert } from '@/components/ui/FormAlert.tsx';
import { Alert } from '@/components/ui/Alert.tsx';
import { CopyButton } from '@/components/ui/CopyButton.tsx';
import { WEBHOOK_EVENT_TYPES } from '@/lib/event-types.ts';

export function CreateWebhookForm() {
  const router = useRouter();
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<string[]>(['transfer.completed']);
  const [secret, setSecret] = useState<string | null>(null);
  const { isPending, formError, fieldErrors, run } = useApiAction(['url', 'events']);

  const toggle = (e: string) => setEvents((list) => (list.includes(e) ? list.filter((x) => x !== e) : [...list, e]));
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const result = await run(() => api.post<CreatedWebhook>('/api/v1/webhooks', { url: url.trim(), events }));
    if (result.ok) {
      setSecret(result.value.secret);
      setUrl('');
      router.refresh();
    }
  };

  return (
    <div className="space-y-4">
      {secret && (
        <div className="space-y-2">
          <Alert tone="success" title="Webhook created">
            Its signing secret is shown only once. Use it to verify the signature of each delivery.
          </Alert>
          <div className="flex flex-wrap items-center gap-2">
            <code className="rounded-lg bg-slate-100 px-3 py-2 font-mono text-xs break-all">{secret}</code>
            <CopyButton text={secret} />
          </div>
        </div>
      )}
      <form onSubmit={submit} className="space-y-4" noValidate aria-label="New webhook">
        <FormAlert message={formError} />
        <Field id="webhook-url" label="URL" hint="https:// recommended." error={fieldErrors.url}>
          <input id="webhook-url" type="url" className="input" required value={url} onChange={(e) => setUrl(e.target.value)} {...describedBy('webhook-url', fieldErrors.url, true)} />
        </Field>
        <fieldset>
          <legend className="label">Events</legend>
          <div className="grid grid-cols-1 gap-1.5 sm:grid-cols-2">
            {WEBHOOK_EVENT_TYPES.map((ev) => (
              <label key={ev} className="flex items-center gap-2 font-mono text-xs">
                <input type="checkbox" className="h-4 w-4" checked={events.includes(ev)} onChange={() => toggle(ev)} />
                {ev}
              </label>
            ))}
          </div>
          {fieldErrors.events && <p className="field-error">{fieldErrors.events}</p>}
        </fieldset>
        <button type="submit" className="btn btn-primary" disabled={isPending || !url.trim() || events.length === 0}>
          {isPending ? 'Creating…' : 'Create webhook'}
        </button>
      </form>
    </div>
  );
}
