import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { messageOf } from '@/lib/api-client.ts';

/**
 * The buttons of a list's rows (lift a ban, revoke a token, pause a webhook, change an admin): one
 * call at a time per row, the page refreshed after it, the API's message kept for the list's alert.
 */
export function useRowAction(): { busyId: string | null; error: string | null; act: (id: string, call: () => Promise<unknown>) => Promise<void> } {
  const router = useRouter();
  const [busyId, setBusyId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const act = async (id: string, call: () => Promise<unknown>) => {
    setBusyId(id);
    setError(null);
    try {
      await call();
      router.refresh();
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusyId(null);
    }
  };
  return { busyId, error, act };
}
