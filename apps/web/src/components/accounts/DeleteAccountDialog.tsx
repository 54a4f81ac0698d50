'use client';
import { useRouter } from 'next/navigation';
import { useRef, useState } from 'react';
import { api } from '@/lib/api-client.ts';
import { useApiAction } from '@/lib/use-api-action.ts';
import { FormAlert } from '@/components/ui/FormAlert.tsx';

/** Deleting needs a second, explicit step; deleting the files too is a separate choice. */
export function DeleteAccountDialog({ username }: { username: string }) {
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const [isDeletingFiles, setIsDeletingFiles] = useState(false);
  const [typed, setTyped] = useState('');
  const { isPending, formError, run, clear } = useApiAction();

  const open = () => {
    clear();
    setTyped('');
    dialog.current?.showModal();
  };
  const confirm = async (e: React.FormEvent) => {
    e.preventDefault();
    const q = isDeletingFiles ? '?deleteHome=true' : '';
    const result = await run(() => api.del(`/api/v1/accounts/${encodeURIComponent(username)}${q}`));
    if (result.ok) {
      dialog.current?.close();
      router.push('/admin/accounts');
      router.refresh();
    }
  };

  return (
    <>
      <button type="button" className="btn border-red-300 text-red-700 hover:bg-red-50" onClick={open}>
        Delete…
      </button>
      <dialog ref={dialog} className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-xl p-0 shadow-xl backdrop:bg-slate-900/40" aria-labelledby="delete-title">
        <form onSubmit={confirm} className="space-y-4 p-5">
          <h2 id="delete-title" className="text-lg font-semibold">
            Delete {username}?
          </h2>
          <p className="text-sm text-slate-600">Connected sessions are closed and the account cannot sign in any more. This cannot be undone.</p>
          <FormAlert message={formError} />
          <label className="flex items-start gap-2 text-sm">
            <input type="checkbox" className="mt-0.5 h-4 w-4" checked={isDeletingFiles} onChange={(e) => setIsDeletingFiles(e.target.checked)} />
            <span>Also delete the files in the home folder</span>
          </label>
          <div>
            <label htmlFor="delete-confirm" className="label">
              Type <strong>{username}</strong> to confirm
            </label>
            <input id="delete-confirm" className="input" autoComplete="off" value={typed} onChange={(e) => setTyped(e.target.value)} />
          </div>
          <div className="flex justify-end gap-2">
            <button type="button" className="btn" onClick={() => dialog.current?.close()}>
              Cancel
            </button>
            <button type="submit" className="btn btn-danger" disabled={typed !== username || isPending}>
              {isPending ? 'Deleting…' : 'Delete account'}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
