'use client';
// The one way client components talk to the API: same origin, the session cookie, and the CSRF
// token (from GET /api/v1/auth/session) on every mutation.
import { ApiError, errorFromResponse } from './api-error.ts';
import type { SessionInfo } from './types.ts';

export { ApiError, messageOf } from './api-error.ts';

let csrfToken: string | null = null;

export function rememberCsrfToken(token: string | null | undefined): void {
  if (token) csrfToken = token;
}

async function ensureCsrfToken(): Promise<string | null> {
  if (csrfToken) return csrfToken;
  const res = await fetch('/api/v1/auth/session', { credentials: 'same-origin', cache: 'no-store' });
  if (res.ok) {
    const body = (await res.json()) as SessionInfo;
    csrfToken = body.csrfToken;
  }
  return csrfToken;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export async function apiRequest<T>(method: Method, path: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...extraHeaders };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') {
    const token = await ensureCsrfToken();
    if (token) headers['x-csrf-token'] = token;
  }
  const send = () =>
    fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      cache: 'no-store',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  let res = await send();
  // A stale token (new sign-in in another tab) gets one fresh try.
  if (res.status === 403 && method !== 'GET') {
    const err = await errorFromResponse(res.clone());
    if (err.code === 'CSRF_FAILED') {
      csrfToken = null;
      const token = await ensureCsrfToken();
      if (token) headers['x-csrf-token'] = token;
      res = await send();
    }
  }
  if (!res.ok) throw await errorFromResponse(res);
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  return (type.includes('json') ? await res.json() : await res.text()) as T;
}

export const api = {
  get: <T>(path: string) => apiRequest<T>('GET', path),
  post: <T>(path: string, body?: unknown) => apiRequest<T>('POST', path, body ?? {}),
  put: <T>(path: string, body?: unknown) => apiRequest<T>('PUT', path, body ?? {}),
  patch: <T>(path: string, body?: unknown, headers?: Record<string, string>) => apiRequest<T>('PATCH', path, body ?? {}, headers),
  del: <T = void>(path: string) => apiRequest<T>('DELETE', path),
};

export function isApiError(err: unknown): err is ApiError {
  return err instanceof ApiError;
}
