'use client';
import { useState } from 'react';
import { useApiAction } from '@/lib/use-api-action.ts';
import type { TwoFactorEnrolment } from '@/lib/types.ts';
import { Field, describedBy } from '@/components/ui/Field.tsx';
import { FormAlert } from '@/components/ui/FormAlert.tsx';
import { CopyButton } from '@/components/ui/CopyButton.tsx';
import { QrCode } from './QrCode.tsx';

/**
 * Scan the QR code (or type the secret) into an authenticator app, then prove it works with the
 * first code. `confirm` sends the code; its error (a wrong code) is shown next to the field.
 */
export function EnrolmentSteps({ enrolment, confirm, submitLabel = 'Turn on two-factor sign-in' }: { enrolment: TwoFactorEnrolment; confirm: (code: string) => Promise<unknown>; submitLabel?: string }) {
  const [code, setCode] = useState('');
  const { isPending, formError, fieldErrors, run } = useApiAction(['code']);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const result = await run(() => confirm(code.replace(/\s+/g, '')));
    if (!result.ok) setCode('');
  };

  return (
    <div className="space-y-4" data-testid="two-factor-enrolment">
      <ol className="list-decimal space-y-1 pl-5 text-sm text-slate-700">
        <li>Open an authenticator app (Google Authenticator, Aegis, 1Password, …) and scan the QR code.</li>
        <li>Or type the secret key below into the app by hand.</li>
        <li>Enter the 6-digit code the app shows.</li>
      </ol>
      <div className="flex flex-wrap items-start gap-4">
        <QrCode svg={enrolment.qrSvg} />
        <div className="min-w-0 space-y-2">
          <p className="text-sm text-slate-500">Secret key</p>
          <p className="font-mono text-sm break-all" data-secret="two-factor">
            {enrolment.secret}
          </p>
          <CopyButton text={enrolment.secret} label="Copy secret" />
        </div>
      </div>
      <form onSubmit={submit} className="space-y-4" noValidate aria-label="Confirm two-factor sign-in">
        <FormAlert message={formError} />
        <Field id="enrolCode" label="Code from the app" error={fieldErrors.code}>
          <input
            id="enrolCode"
            className="input max-w-40 font-mono"
            inputMode="numeric"
            autoComplete="one-time-code"
            required
            value={code}
            onChange={(e) => setCode(e.target.value)}
            {...describedBy('enrolCode', fieldErrors.code)}
          />
        </Field>
        <button type="submit" className="btn btn-primary" disabled={isPending || code.trim() === ''}>
          {isPending ? 'Checking…' : submitLabel}
        </button>
      </form>
    </div>
  );
}
