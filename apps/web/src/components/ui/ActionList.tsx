import type { ReactNode } from 'react';
import { Alert } from '@/components/ui/Alert.tsx';

/** A divided list of records with row actions, the last action's error above it. */
export function ActionList({ error, children }: { error: string | null; children: ReactNode }) {
  return (
    <div className="space-y-2">
      {error && <Alert>{error}</Alert>}
      <ul className="divide-y divide-slate-100">{children}</ul>
    </div>
  );
}
