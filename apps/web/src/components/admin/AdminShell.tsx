'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useState, type ReactNode } from 'react';
import { Logo } from '@/components/auth/AuthCard.tsx';
import { SignOutButton } from '@/components/auth/SignOutButton.tsx';
import type { AdminRole } from '@/lib/types.ts';
import { can, type Ability } from '@/lib/roles.ts';

/** ability: shown only to roles that have it (the page is all about it) */
type NavItem = { href: string; label: string; ability?: Ability };

const NAV: NavItem[] = [
  { href: '/admin', label: 'Overview' },
  { href: '/admin/accounts', label: 'Accounts' },
  { href: '/admin/sessions', label: 'Live sessions' },
  { href: '/admin/transfers', label: 'Transfers' },
  { href: '/admin/security', label: 'Logins & bans' },
  { href: '/admin/settings', label: 'Settings' },
  { href: '/admin/tokens', label: 'API tokens', ability: 'tokens:manage' },
  { href: '/admin/webhooks', label: 'Webhooks', ability: 'webhooks:manage' },
  { href: '/admin/admins', label: 'Administrators', ability: 'admins:manage' },
  { href: '/admin/audit', label: 'Audit log' },
];

function isActive(pathname: string, href: string): boolean {
  return href === '/admin' ? pathname === '/admin' : pathname === href || pathname.startsWith(href + '/');
}

function NavLinks({ role, onNavigate }: { role: AdminRole; onNavigate?: () => void }) {
  const pathname = usePathname();
  return (
    <ul className="space-y-0.5">
      {NAV.filter((item) => !item.ability || can(role, item.ability)).map((item) => {
        const active = isActive(pathname, item.href);
        return (
          <li key={item.href}>
            <Link
              href={item.href}
              onClick={onNavigate}
              aria-current={active ? 'page' : undefined}
              className={`block rounded-lg px-3 py-2 text-sm font-medium ${active ? 'bg-indigo-50 text-indigo-700' : 'text-slate-700 hover:bg-slate-100'}`}
            >
              {item.label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}

export function AdminShell({ username, role, children }: { username: string; role: AdminRole; children: ReactNode }) {
  const [isMenuOpen, setIsMenuOpen] = useState(false);
  return (
    <div className="min-h-screen lg:flex">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        Skip to content
      </a>
      {/* Phones and tablets: a top bar with a menu that opens below it. */}
      <header className="sticky top-0 z-30 border-b border-slate-200 bg-white lg:hidden">
        <div className="flex items-center justify-between px-4 py-3">
          <Link href="/admin" className="flex items-center gap-2 font-semibold">
            <Logo /> FTP Panel
          </Link>
          <button type="button" className="btn btn-sm" aria-expanded={isMenuOpen} aria-controls="mobile-nav" onClick={() => setIsMenuOpen((v) => !v)}>
            {isMenuOpen ? 'Close' : 'Menu'}
          </button>
        </div>
        {isMenuOpen && (
          <nav id="mobile-nav" aria-label="Main" className="border-t border-slate-100 px-2 pt-2 pb-3">
            <NavLinks role={role} onNavigate={() => setIsMenuOpen(false)} />
            <div className="mt-2 flex items-center justify-between border-t border-slate-100 px-3 pt-3 text-sm text-slate-600">
              <Link href="/admin/account" onClick={() => setIsMenuOpen(false)} className="link">
                {username} · {role.toLowerCase()}
              </Link>
              <SignOutButton />
            </div>
          </nav>
        )}
      </header>
      <aside className="hidden w-60 shrink-0 border-r border-slate-200 bg-white lg:flex lg:min-h-screen lg:flex-col">
        <div className="sticky top-0 flex h-screen flex-col">
          <Link href="/admin" className="flex items-center gap-2 px-5 py-5 text-base font-semibold">
            <Logo /> FTP Panel
          </Link>
          <nav aria-label="Main" className="flex-1 overflow-y-auto px-3">
            <NavLinks role={role} />
          </nav>
          <div className="border-t border-slate-200 px-5 py-4 text-sm">
            <Link href="/admin/account" className="group block" aria-label={`My account (${username})`}>
              <span className="block truncate font-medium text-slate-800 group-hover:text-indigo-700">{username}</span>
              <span className="mb-2 block text-xs text-slate-500">{role.toLowerCase()} · my account</span>
            </Link>
            <SignOutButton />
          </div>
        </div>
      </aside>
      <main id="main" className="min-w-0 flex-1 px-4 py-6 sm:px-6 lg:px-10 lg:py-8">
        <div className="mx-auto max-w-6xl">{children}</div>
      </main>
    </div>
  );
}
