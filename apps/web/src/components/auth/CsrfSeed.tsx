'use client';
import { rememberCsrfToken } from '@/lib/api-client.ts';

/** Hands the session's CSRF token (read on the server) to the client helper, saving a round trip. */
export function CsrfSeed({ token }: { token: string | null }) {
  rememberCsrfToken(token);
  return null;
}
