'use client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { api } from '@/lib/api-client.ts';
import { useApiAction } from '@/lib/use-api-action.ts';
import { Field, describedBy } from '@/components/ui/Field.tsx';
import { FormAlert } from '@/components/ui/FormAlert.tsx';
import { Alert } from '@/components/ui/Alert.tsx';

export function CertificateForm({ canEdit }: { canEdit: boolean }) {
  const router = useRouter();
  const [certPem, setCertPem] = useState('');
  const [keyPem, setKeyPem] = useState('');
  const [isSaved, setIsSaved] = useState(false);
  const { isPending, formError, fieldErrors, run } = useApiAction(['certPem', 'keyPem']);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setIsSaved(false);
    const result = await run(() => api.put('/api/v1/settings/tls', { certPem, keyPem }));
    if (result.ok) {
      setIsSaved(true);
      setCertPem('');
      setKeyPem('');
      router.refresh();
    }
  };

  if (!canEdit) return null;
  return (
    <form onSubmit={submit} className="space-y-4" noValidate aria-label="Upload certificate">
      <FormAlert message={formError} />
      <Field id="certPem" label="Certificate chain (PEM)" hint="Your certificate first, then intermediates. Starts with -----BEGIN CERTIFICATE-----." error={fieldErrors.certPem}>
        <textarea id="certPem" className="input font-mono text-xs" rows={5} value={certPem} onChange={(e) => setCertPem(e.target.value)} spellCheck={false} {...describedBy('certPem', fieldErrors.certPem, true)} />
      </Field>
      <Field id="keyPem" label="Private key (PEM)" hint="Never shown again after upload." error={fieldErrors.keyPem}>
        <textarea id="keyPem" className="input font-mono text-xs" rows={5} value={keyPem} onChange={(e) => setKeyPem(e.target.value)} spellCheck={false} autoComplete="off" {...describedBy('keyPem', fieldErrors.keyPem, true)} />
      </Field>
      {isSaved && <Alert tone="success">Certificate installed. New FTPS connections use it now.</Alert>}
      <button type="submit" className="btn btn-primary" disabled={isPending || !certPem || !keyPem}>
        {isPending ? 'Checking…' : 'Install certificate'}
      </button>
    </form>
  );
}
