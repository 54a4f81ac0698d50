import type { ReactNode } from 'react';
import { requireCustomer } from '@/lib/api-server.ts';
import { Logo } from '@/components/auth/AuthCard.tsx';
import { SignOutButton } from '@/components/auth/SignOutButton.tsx';
import { CsrfSeed } from '@/components/auth/CsrfSeed.tsx';
import { EventStreamProvider } from '@/components/live/EventStream.tsx';

export const dynamic = 'force-dynamic';

export default async function PortalLayout({ children }: { children: ReactNode }) {
  const { user, csrfToken } = await requireCustomer();
  return (
    <EventStreamProvider>
      <CsrfSeed token={csrfToken} />
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-5xl items-center justify-between gap-3 px-4 py-3">
          <a href="/portal" className="flex items-center gap-2 font-semibold">
            <Logo /> <span>My FTP account</span>
          </a>
          <div className="flex items-center gap-3 text-sm">
            <span className="hidden text-slate-600 sm:inline">{user.username}</span>
            <SignOutButton to="/portal/login" />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-5xl px-4 py-6 sm:py-8">
        {children}
      </main>
    </EventStreamProvider>
  );
}
