'use client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { api } from '@/lib/api-client.ts';
import { useApiAction } from '@/lib/use-api-action.ts';
import { Field, describedBy } from '@/components/ui/Field.tsx';
import { FormAlert } from '@/components/ui/FormAlert.tsx';

const DURATIONS = [
  { label: '1 hour', seconds: 3600 },
  { label: '1 day', seconds: 86400 },
  { label: '1 week', seconds: 604800 },
  { label: 'Until lifted', seconds: 0 },
];

export function AddBanForm() {
  const router = useRouter();
  const [ip, setIp] = useState('');
  const [reason, setReason] = useState('');
  const [duration, setDuration] = useState(86400);
  const { isPending, formError, fieldErrors, run } = useApiAction(['ip', 'reason', 'durationSec']);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const result = await run(() => api.post('/api/v1/bans', { ip: ip.trim(), reason: reason.trim() || undefined, durationSec: duration || undefined }));
    if (result.ok) {
      setIp('');
      setReason('');
      router.refresh();
    }
  };

  return (
    <form onSubmit={submit} className="space-y-3" noValidate aria-label="Ban an address">
      <h3 className="text-sm font-semibold">Ban an address</h3>
      <FormAlert message={formError} />
      <div className="grid gap-3 sm:grid-cols-3">
        <Field id="ban-ip" label="IP address" error={fieldErrors.ip}>
          <input id="ban-ip" className="input font-mono" required value={ip} onChange={(e) => setIp(e.target.value)} {...describedBy('ban-ip', fieldErrors.ip)} />
        </Field>
        <Field id="ban-reason" label="Reason" error={fieldErrors.reason}>
          <input id="ban-reason" className="input" value={reason} onChange={(e) => setReason(e.target.value)} {...describedBy('ban-reason', fieldErrors.reason)} />
        </Field>
        <Field id="ban-duration" label="Duration" error={fieldErrors.durationSec}>
          <select id="ban-duration" className="input" value={duration} onChange={(e) => setDuration(Number(e.target.value))}>
            {DURATIONS.map((d) => (
              <option key={d.seconds} value={d.seconds}>
                {d.label}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <button type="submit" className="btn" disabled={isPending || !ip.trim()}>
        {isPending ? 'Banning…' : 'Ban address'}
      </button>
    </form>
  );
}
