import Link from 'next/link';
import { Alert } from '@/components/ui/Alert.tsx';
import { CopyButton } from '@/components/ui/CopyButton.tsx';

/** A password the server generated: shown once, never retrievable again. */
export function GeneratedPassword({ username, password }: { username: string; password: string }) {
  return (
    <div className="card space-y-4 p-5" data-testid="generated-password">
      <Alert tone="success" title={`Account ${username} is ready`}>
        Copy the password now: it is shown only once and cannot be displayed again.
      </Alert>
      <div>
        <p className="label">Password</p>
        <div className="flex flex-wrap items-center gap-2">
          <code className="rounded-lg bg-slate-100 px-3 py-2 font-mono text-base break-all text-slate-900" data-secret="password">
            {password}
          </code>
          <CopyButton text={password} />
        </div>
      </div>
      <Link className="btn btn-primary" href={`/admin/accounts/${encodeURIComponent(username)}`}>
        Go to the account
      </Link>
    </div>
  );
}
