import 'server-only';
// The one way server components reach the API: the same process over loopback, forwarding the
// caller's cookie so the API applies the caller's own permissions.
import { cookies } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { ApiError, errorFromResponse } from './api-error.ts';
import type { AdminUser, CustomerUser, SessionInfo, SetupStatus } from './types.ts';

const API_BASE = `http://127.0.0.1:${process.env.PORT ?? 3000}`;

async function cookieHeader(): Promise<string> {
  const jar = await cookies();
  return jar
    .getAll()
    .map((c) => `${c.name}=${encodeURIComponent(c.value)}`)
    .join('; ');
}

export async function serverFetch(path: string): Promise<Response> {
  return fetch(API_BASE + path, {
    headers: { cookie: await cookieHeader(), accept: 'application/json' },
    cache: 'no-store',
  });
}

/** GET a JSON resource; throws ApiError (caught by the segment's error boundary or the caller). */
export async function apiGet<T>(path: string): Promise<T> {
  const res = await serverFetch(path);
  if (res.status === 401) redirect('/login');
  if (res.status === 404) notFound();
  if (!res.ok) throw await errorFromResponse(res);
  return (await res.json()) as T;
}

/** Like apiGet, but a failure becomes a value so one broken panel does not break the page. */
export async function apiTryGet<T>(path: string): Promise<{ data: T; error: null } | { data: null; error: string }> {
  try {
    return { data: await apiGet<T>(path), error: null };
  } catch (err) {
    if (err instanceof ApiError) return { data: null, error: err.message };
    // redirect() throws too; let it through
    if (err instanceof Error && 'digest' in err) throw err;
    return { data: null, error: 'The server could not be reached.' };
  }
}

export async function getSession(): Promise<SessionInfo> {
  try {
    const res = await serverFetch('/api/v1/auth/session');
    if (!res.ok) return { user: null, csrfToken: null };
    return (await res.json()) as SessionInfo;
  } catch {
    return { user: null, csrfToken: null };
  }
}

export async function requireAdmin(): Promise<{ user: AdminUser; csrfToken: string | null }> {
  const session = await getSession();
  if (!session.user || session.user.kind !== 'admin') redirect('/login');
  return { user: session.user, csrfToken: session.csrfToken };
}

export async function requireCustomer(): Promise<{ user: CustomerUser; csrfToken: string | null }> {
  const session = await getSession();
  if (!session.user || session.user.kind !== 'customer') redirect('/portal/login');
  return { user: session.user, csrfToken: session.csrfToken };
}

export async function isSetupNeeded(): Promise<boolean> {
  try {
    const res = await serverFetch('/api/v1/setup/status');
    if (!res.ok) return false;
    const body = (await res.json()) as SetupStatus;
    return body.isSetupNeeded;
  } catch {
    return false;
  }
}
