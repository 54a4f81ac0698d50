'use client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { api } from '@/lib/api-client.ts';

export function SignOutButton({ to = '/login' }: { to?: string }) {
  const router = useRouter();
  const [isPending, setIsPending] = useState(false);
  const signOut = async () => {
    setIsPending(true);
    try {
      await api.post('/api/v1/auth/logout');
    } catch {
      // Signing out must always leave the page, even if the session was already gone.
    }
    router.replace(to);
    router.refresh();
  };
  return (
    <button type="button" className="btn btn-sm" onClick={signOut} disabled={isPending}>
      {isPending ? 'Signing out…' : 'Sign out'}
    </button>
  );
}
