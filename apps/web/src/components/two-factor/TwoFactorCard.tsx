'use client';
import { useState } from 'react';
import { api } from '@/lib/api-client.ts';
import { useApiAction } from '@/lib/use-api-action.ts';
import type { RecoveryCodes, TwoFactorEnrolment, TwoFactorStatus } from '@/lib/types.ts';
import { Alert } from '@/components/ui/Alert.tsx';
import { Badge } from '@/components/ui/Badge.tsx';
import { Field, describedBy } from '@/components/ui/Field.tsx';
import { FormAlert } from '@/components/ui/FormAlert.tsx';
import { EnrolmentSteps } from './EnrolmentSteps.tsx';
import { RecoveryCodeList } from './RecoveryCodeList.tsx';

type Stage = { kind: 'idle' } | { kind: 'enrolling'; enrolment: TwoFactorEnrolment } | { kind: 'codes'; codes: string[] };

/**
 * The signed-in person's own two-factor sign-in: set it up (QR code, first code, recovery codes
 * once) or turn it off with a code. `base` is /api/v1/auth/two-factor (admins) or
 * /api/v1/me/two-factor (customers).
 */
export function TwoFactorCard({ base, initial }: { base: string; initial: TwoFactorStatus }) {
  const [status, setStatus] = useState(initial);
  const [stage, setStage] = useState<Stage>({ kind: 'idle' });
  const start = useApiAction();

  const begin = async () => {
    const result = await start.run(() => api.post<TwoFactorEnrolment>(`${base}/enrol`));
    if (result.ok) setStage({ kind: 'enrolling', enrolment: result.value });
  };

  const confirm = async (code: string) => {
    const { recoveryCodes } = await api.post<RecoveryCodes>(`${base}/confirm`, { code });
    setStatus({ ...status, isEnabled: true, recoveryCodesLeft: recoveryCodes.length });
    setStage({ kind: 'codes', codes: recoveryCodes });
  };

  if (stage.kind === 'codes') {
    return (
      <RecoveryCodeList codes={stage.codes}>
        <button type="button" className="btn" onClick={() => setStage({ kind: 'idle' })}>
          I saved them
        </button>
      </RecoveryCodeList>
    );
  }
  if (stage.kind === 'enrolling') {
    return (
      <div className="space-y-4">
        <EnrolmentSteps enrolment={stage.enrolment} confirm={confirm} />
        <button type="button" className="btn btn-sm" onClick={() => setStage({ kind: 'idle' })}>
          Cancel
        </button>
      </div>
    );
  }
  if (!status.isEnabled) {
    return (
      <div className="space-y-4">
        <p className="text-sm text-slate-700">
          <Badge tone="slate">Off</Badge> Sign in with a code from an authenticator app on your phone as well as your password.
        </p>
        {status.isRequired && <Alert tone="warning">The owner requires two-factor sign-in for admins: set it up now, or you will be asked to at your next sign-in.</Alert>}
        <FormAlert message={start.formError} />
        <button type="button" className="btn btn-primary" onClick={begin} disabled={start.isPending}>
          {start.isPending ? 'Starting…' : 'Set up two-factor sign-in'}
        </button>
      </div>
    );
  }
  return <EnabledState status={status} base={base} onDisabled={() => setStatus({ ...status, isEnabled: false, recoveryCodesLeft: 0 })} />;
}

function EnabledState({ status, base, onDisabled }: { status: TwoFactorStatus; base: string; onDisabled: () => void }) {
  const [code, setCode] = useState('');
  const { isPending, formError, fieldErrors, run } = useApiAction(['code']);

  const disable = async (e: React.FormEvent) => {
    e.preventDefault();
    const result = await run(() => api.post(`${base}/disable`, { code: code.trim() }));
    if (result.ok) onDisabled();
    else setCode('');
  };

  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-700" data-testid="two-factor-status">
        <Badge tone="green">On</Badge> Signing in asks for a code from your authenticator app. Recovery codes left: {status.recoveryCodesLeft}.
      </p>
      {status.recoveryCodesLeft <= 2 && <Alert tone="warning">Few recovery codes left: turn two-factor sign-in off and on again for ten new ones.</Alert>}
      {status.isRequired ? (
        <Alert tone="info">The owner requires two-factor sign-in for admins, so it cannot be turned off.</Alert>
      ) : (
        <form onSubmit={disable} className="space-y-4" noValidate aria-label="Turn off two-factor sign-in">
          <FormAlert message={formError} />
          <Field id="disableCode" label="Code from the app, or a recovery code" error={fieldErrors.code}>
            <input id="disableCode" className="input max-w-52 font-mono" autoComplete="one-time-code" required value={code} onChange={(e) => setCode(e.target.value)} {...describedBy('disableCode', fieldErrors.code)} />
          </Field>
          <button type="submit" className="btn btn-danger" disabled={isPending || code.trim() === ''}>
            {isPending ? 'Turning off…' : 'Turn off two-factor sign-in'}
          </button>
        </form>
      )}
    </div>
  );
}
