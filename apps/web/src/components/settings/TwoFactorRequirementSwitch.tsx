'use client';
import { useState } from 'react';
import { api } from '@/lib/api-client.ts';
import { useApiAction } from '@/lib/use-api-action.ts';
import type { TwoFactorRequirement } from '@/lib/types.ts';
import { Alert } from '@/components/ui/Alert.tsx';
import { FormAlert } from '@/components/ui/FormAlert.tsx';

/** The owner's switch: every admin signs in with two factors (those without it enrol at their next sign-in). */
export function TwoFactorRequirementSwitch({ initial, canEdit }: { initial: boolean; canEdit: boolean }) {
  const [isRequired, setIsRequired] = useState(initial);
  const [saved, setSaved] = useState<string | null>(null);
  const { isPending, formError, run } = useApiAction();

  const toggle = async (wanted: boolean) => {
    setSaved(null);
    setIsRequired(wanted);
    const result = await run(() => api.put<TwoFactorRequirement>('/api/v1/settings/two-factor', { isAdminTwoFactorRequired: wanted }));
    if (!result.ok) setIsRequired(!wanted);
    else {
      setIsRequired(result.value.isAdminTwoFactorRequired);
      setSaved(result.value.isAdminTwoFactorRequired ? 'Saved: every admin now signs in with a code. Admins without two-factor set it up at their next sign-in.' : 'Saved: two-factor sign-in is up to each admin.');
    }
  };

  return (
    <div className="space-y-3">
      <FormAlert message={formError} />
      <label className="flex items-center gap-3 text-sm font-medium text-slate-800">
        <input type="checkbox" role="switch" className="h-4 w-4" checked={isRequired} disabled={!canEdit || isPending} onChange={(e) => toggle(e.target.checked)} />
        Require two-factor sign-in for all admins
      </label>
      <p className="hint">Customers choose for themselves in the portal. Set up your own two-factor sign-in first (My account), or you will be asked to at your next sign-in.</p>
      {saved && <Alert tone="success">{saved}</Alert>}
    </div>
  );
}
