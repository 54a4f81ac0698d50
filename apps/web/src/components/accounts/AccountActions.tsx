'use client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { api, messageOf } from '@/lib/api-client.ts';
import type { Account, ResetLink } from '@/lib/types.ts';
import { formatDateTime } from '@/lib/format.ts';
import { Alert } from '@/components/ui/Alert.tsx';
import { CopyButton } from '@/components/ui/CopyButton.tsx';
import { DeleteAccountDialog } from './DeleteAccountDialog.tsx';

type Notice = { tone: 'success' | 'error'; text: string; url?: string };

export function AccountActions({ account, canWrite }: { account: Account; canWrite: boolean }) {
  const router = useRouter();
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const base = `/api/v1/accounts/${encodeURIComponent(account.username)}`;

  const act = async (name: string, fn: () => Promise<Notice>) => {
    setBusy(name);
    setNotice(null);
    try {
      setNotice(await fn());
      router.refresh();
    } catch (err) {
      setNotice({ tone: 'error', text: messageOf(err) });
    } finally {
      setBusy(null);
    }
  };

  const sendResetLink = () =>
    act('reset', async () => {
      const r = await api.post<ResetLink>(`${base}/reset-link`);
      const emailed = r.isEmailed ? ` It was emailed to ${account.email}.` : account.email ? ' Email is not set up on this server: send the link yourself.' : ' The account has no email address: send the link yourself.';
      return { tone: 'success', text: `Reset link valid until ${formatDateTime(r.expiresAt)}.${emailed}`, url: r.url };
    });
  const rescan = () =>
    act('rescan', async () => {
      await api.post<Account>(`${base}/rescan`);
      return { tone: 'success', text: 'Usage recounted from the files on disk.' };
    });
  const toggleStatus = () =>
    act('status', async () => {
      const status = account.status === 'ACTIVE' ? 'DISABLED' : 'ACTIVE';
      await api.patch<Account>(base, { status });
      return { tone: 'success', text: status === 'DISABLED' ? 'Account disabled: it can no longer sign in.' : 'Account enabled.' };
    });

  return (
    <div className="space-y-3">
      {notice && (
        <Alert tone={notice.tone}>
          {notice.text}
          {notice.url && (
            <span className="mt-2 flex flex-wrap items-center gap-2">
              <code className="rounded bg-white/70 px-2 py-1 text-xs break-all">{notice.url}</code>
              <CopyButton text={notice.url} label="Copy link" />
            </span>
          )}
        </Alert>
      )}
      <div className="flex flex-wrap gap-2">
        <button type="button" className="btn" onClick={sendResetLink} disabled={busy !== null}>
          {busy === 'reset' ? 'Sending…' : 'Send reset link'}
        </button>
        {canWrite && (
          <>
            <button type="button" className="btn" onClick={rescan} disabled={busy !== null}>
              {busy === 'rescan' ? 'Rescanning…' : 'Rescan quota'}
            </button>
            <button type="button" className="btn" onClick={toggleStatus} disabled={busy !== null}>
              {busy === 'status' ? 'Saving…' : account.status === 'ACTIVE' ? 'Disable' : 'Enable'}
            </button>
            <DeleteAccountDialog username={account.username} />
          </>
        )}
      </div>
    </div>
  );
}
