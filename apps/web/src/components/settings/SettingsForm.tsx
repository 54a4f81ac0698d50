'use client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { api } from '@/lib/api-client.ts';
import { useApiAction } from '@/lib/use-api-action.ts';
import type { SettingsUpdate, Warning } from '@/lib/types.ts';
import { Field, describedBy } from '@/components/ui/Field.tsx';
import { FormAlert } from '@/components/ui/FormAlert.tsx';
import { Alert } from '@/components/ui/Alert.tsx';

export type SettingField = {
  name: string;
  label: string;
  hint?: string;
  kind: 'number' | 'text' | 'nullableText' | 'textarea' | 'checkbox' | 'select';
  options?: { value: string; label: string }[];
  min?: number;
  max?: number;
};

type Value = string | number | boolean | null;

function toInput(value: Value): string {
  return value === null || value === undefined ? '' : String(value);
}

function fromInput(field: SettingField, raw: string | boolean): Value {
  if (field.kind === 'checkbox') return Boolean(raw);
  if (field.kind === 'number') return raw === '' ? NaN : Number(raw);
  if (field.kind === 'nullableText') return String(raw).trim() || null;
  return String(raw);
}

/** One group of server settings; saves only its own fields (PATCH) and shows the server's warnings. */
export function SettingsForm({ id, fields, initial, canEdit, submitLabel = 'Save' }: { id: string; fields: SettingField[]; initial: Record<string, Value>; canEdit: boolean; submitLabel?: string }) {
  const router = useRouter();
  const [values, setValues] = useState<Record<string, string | boolean>>(() => Object.fromEntries(fields.map((f) => [f.name, f.kind === 'checkbox' ? Boolean(initial[f.name]) : toInput(initial[f.name] ?? null)])));
  const [warnings, setWarnings] = useState<Warning[]>([]);
  const [isSaved, setIsSaved] = useState(false);
  const { isPending, formError, fieldErrors, run } = useApiAction(fields.map((f) => f.name));

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setIsSaved(false);
    const body = Object.fromEntries(fields.map((f) => [f.name, fromInput(f, values[f.name] ?? '')]));
    const result = await run(() => api.patch<SettingsUpdate>('/api/v1/settings', body));
    if (result.ok) {
      setWarnings(result.value?.warnings ?? []);
      setIsSaved(true);
      router.refresh();
    }
  };

  const inputId = (name: string) => `${id}-${name}`;
  return (
    <form onSubmit={submit} className="space-y-4" noValidate aria-label={id}>
      <FormAlert message={formError} />
      <div className="grid gap-4 sm:grid-cols-2">
        {fields.map((f) => {
          const fid = inputId(f.name);
          const error = fieldErrors[f.name];
          const common = { id: fid, name: f.name, disabled: !canEdit, ...describedBy(fid, error, Boolean(f.hint)) };
          if (f.kind === 'checkbox') {
            return (
              <div key={f.name} className="sm:col-span-2">
                <label className="flex items-start gap-2 text-sm text-slate-800" htmlFor={fid}>
                  <input type="checkbox" className="mt-0.5 h-4 w-4" checked={Boolean(values[f.name])} onChange={(e) => setValues((v) => ({ ...v, [f.name]: e.target.checked }))} {...common} />
                  <span>
                    {f.label}
                    {f.hint && (
                      <span id={`${fid}-hint`} className="block text-xs text-slate-500">
                        {f.hint}
                      </span>
                    )}
                  </span>
                </label>
                {error && <p className="field-error">{error}</p>}
              </div>
            );
          }
          const onChange = (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) => setValues((v) => ({ ...v, [f.name]: e.target.value }));
          const value = String(values[f.name] ?? '');
          return (
            <div key={f.name} className={f.kind === 'textarea' ? 'sm:col-span-2' : ''}>
              <Field id={fid} label={f.label} hint={f.hint} error={error}>
                {f.kind === 'textarea' ? (
                  <textarea className="input" rows={3} value={value} onChange={onChange} {...common} />
                ) : f.kind === 'select' ? (
                  <select className="input" value={value} onChange={onChange} {...common}>
                    {f.options?.map((o) => (
                      <option key={o.value} value={o.value}>
                        {o.label}
                      </option>
                    ))}
                  </select>
                ) : (
                  <input className="input" type={f.kind === 'number' ? 'number' : 'text'} inputMode={f.kind === 'number' ? 'numeric' : undefined} min={f.min} max={f.max} value={value} onChange={onChange} {...common} />
                )}
              </Field>
            </div>
          );
        })}
      </div>
      {warnings.map((w, i) => (
        <Alert key={i} tone="warning">
          {w.message}
        </Alert>
      ))}
      {isSaved && warnings.length === 0 && <Alert tone="success">Saved. The FTP service applies it right away.</Alert>}
      {canEdit && (
        <button type="submit" className="btn btn-primary" disabled={isPending}>
          {isPending ? 'Saving…' : submitLabel}
        </button>
      )}
    </form>
  );
}
