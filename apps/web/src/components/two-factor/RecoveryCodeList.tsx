'use client';
import type { ReactNode } from 'react';
import { Alert } from '@/components/ui/Alert.tsx';
import { CopyButton } from '@/components/ui/CopyButton.tsx';

/** The ten recovery codes, shown once: each signs in once when the phone is not at hand. */
export function RecoveryCodeList({ codes, children }: { codes: string[]; children?: ReactNode }) {
  return (
    <div className="space-y-4" data-testid="recovery-codes">
      <Alert tone="success" title="Two-factor sign-in is on">
        Save these recovery codes somewhere safe (a password manager). Each one signs you in once without the app. They are not shown again.
      </Alert>
      <ul className="grid grid-cols-2 gap-x-6 gap-y-1 rounded-lg border border-slate-200 bg-slate-50 px-4 py-3 font-mono text-sm">
        {codes.map((code) => (
          <li key={code} data-recovery-code>
            {code}
          </li>
        ))}
      </ul>
      <div className="flex flex-wrap items-center gap-3">
        <CopyButton text={codes.join('\n')} label="Copy recovery codes" />
        {children}
      </div>
    </div>
  );
}
