'use client';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { api, messageOf, rememberCsrfToken } from '@/lib/api-client.ts';
import { useApiAction } from '@/lib/use-api-action.ts';
import type { SecondFactorAnswer, SecondFactorStep, TwoFactorEnrolment } from '@/lib/types.ts';
import { Alert } from '@/components/ui/Alert.tsx';
import { Field, describedBy } from '@/components/ui/Field.tsx';
import { FormAlert } from '@/components/ui/FormAlert.tsx';
import { EnrolmentSteps } from './EnrolmentSteps.tsx';
import { RecoveryCodeList } from './RecoveryCodeList.tsx';

const SECOND_FACTOR = '/api/v1/auth/second-factor';

/**
 * The second sign-in step, after the password was accepted (the pending session's cookie and
 * CSRF token are in place): VERIFY asks for the code; ENROL (the owner requires two-factor and
 * this admin has none) sets it up first, shows the recovery codes, then goes on to `next`.
 */
export function SecondFactorForm({ step, next, signInPath }: { step: SecondFactorStep; next: string; signInPath: string }) {
  const router = useRouter();
  const [codes, setCodes] = useState<string[] | null>(null);

  const finish = (answer: SecondFactorAnswer) => {
    rememberCsrfToken(answer.csrfToken);
    if (answer.recoveryCodes?.length) return setCodes(answer.recoveryCodes);
    router.replace(next);
    router.refresh();
  };
  const send = async (code: string) => finish(await api.post<SecondFactorAnswer>(SECOND_FACTOR, { code }));

  if (codes) {
    return (
      <RecoveryCodeList codes={codes}>
        <button
          type="button"
          className="btn btn-primary"
          onClick={() => {
            router.replace(next);
            router.refresh();
          }}
        >
          Continue
        </button>
      </RecoveryCodeList>
    );
  }
  return step === 'ENROL' ? <RequiredEnrolment send={send} signInPath={signInPath} /> : <CodeForm send={send} signInPath={signInPath} />;
}

function StartOver({ signInPath }: { signInPath: string }) {
  return (
    <p className="mt-6 text-center text-sm">
      <a className="link" href={signInPath}>
        Sign in again
      </a>
    </p>
  );
}

function CodeForm({ send, signInPath }: { send: (code: string) => Promise<void>; signInPath: string }) {
  const [code, setCode] = useState('');
  const { isPending, formError, fieldErrors, run } = useApiAction(['code']);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const result = await run(() => send(code.trim()));
    if (!result.ok) setCode('');
  };

  return (
    <>
      <form onSubmit={submit} className="space-y-4" noValidate aria-label="Two-factor code">
        <FormAlert message={formError} />
        <Field id="code" label="Code from your authenticator app" hint="Lost your phone? Enter one of your recovery codes instead." error={fieldErrors.code}>
          <input
            id="code"
            className="input font-mono"
            autoComplete="one-time-code"
            autoFocus
            required
            value={code}
            onChange={(e) => setCode(e.target.value)}
            {...describedBy('code', fieldErrors.code, true)}
          />
        </Field>
        <button type="submit" className="btn btn-primary w-full" disabled={isPending || code.trim() === ''}>
          {isPending ? 'Checking…' : 'Verify'}
        </button>
      </form>
      <StartOver signInPath={signInPath} />
    </>
  );
}

function RequiredEnrolment({ send, signInPath }: { send: (code: string) => Promise<void>; signInPath: string }) {
  const [enrolment, setEnrolment] = useState<TwoFactorEnrolment | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let isCurrent = true;
    api.post<TwoFactorEnrolment>(`${SECOND_FACTOR}/enrol`).then(
      (value) => isCurrent && setEnrolment(value),
      (err: unknown) => isCurrent && setError(messageOf(err)),
    );
    return () => {
      isCurrent = false;
    };
  }, []);

  return (
    <>
      <div className="space-y-4">
        <Alert tone="info">The owner requires two-factor sign-in for admins. Set it up to finish signing in.</Alert>
        {error && <Alert>{error}</Alert>}
        {enrolment ? <EnrolmentSteps enrolment={enrolment} confirm={send} submitLabel="Turn on and sign in" /> : !error && <p className="text-sm text-slate-500">Preparing your QR code…</p>}
      </div>
      <StartOver signInPath={signInPath} />
    </>
  );
}
