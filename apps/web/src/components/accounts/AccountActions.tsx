'use client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { api, messageOf } from '@/lib/api-client.ts';
import type { Account, ResetLink, ResetLinkSent } from '@/lib/types.ts';
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

  // Anyone who may see the account can have a link emailed to the customer; only those who may
  // change the account (OWNER, ADMIN) get a link to copy, since holding it means holding the account.
  const sendResetEmail = () =>
    act('send', async () => {
      const r = await api.post<ResetLinkSent>(`${base}/reset-link/send`);
      return { tone: 'success', text: `A reset link was emailed to ${r.email}. It is valid until ${formatDateTime(r.expiresAt)}.` };
    });
  const copyResetLink = () =>
    act('copy', async () => {
      const r = await api.post<ResetLink>(`${base}/reset-link`);
      return { tone: 'success', text: `Reset link valid until ${formatDateTime(r.expiresAt)}. Give it only to the customer: it sets their password.`, url: r.url };
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
        <button
          type="button"
          className="btn"
          onClick={sendResetEmail}
          disabled={busy !== null || !account.email}
          title={account.email ? `Email a reset link to ${account.email}` : 'The account has no email address'}
        >
          {busy === 'send' ? 'Sending…' : 'Send reset email'}
        </button>
        {canWrite && (
          <>
            <button type="button" className="btn" onClick={copyResetLink} disabled={busy !== null}>
              {busy === 'copy' ? 'Creating…' : 'Copy reset link'}
            </button>
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
