import type { ApiErrorBody, FieldIssue } from './types.ts';

/** An API failure in words a person can read, with the messages for named fields kept apart. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: FieldIssue[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** field name -> message, for showing next to inputs. */
  get fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const d of this.details) if (d.field && !out[d.field]) out[d.field] = d.message;
    return out;
  }
}

function isErrorBody(body: unknown): body is ApiErrorBody {
  return typeof body === 'object' && body !== null && 'error' in body && typeof (body as ApiErrorBody).error?.message === 'string';
}

const FALLBACK_MESSAGES: Record<number, string> = {
  401: 'You are signed out. Sign in again to continue.',
  403: 'You are not allowed to do this.',
  404: 'This item no longer exists.',
  429: 'Too many attempts. Wait a moment and try again.',
};

export async function errorFromResponse(res: Response): Promise<ApiError> {
  const body: unknown = await res.json().catch(() => null);
  if (isErrorBody(body)) {
    return new ApiError(res.status, body.error.code, body.error.message, body.error.details ?? []);
  }
  const message = FALLBACK_MESSAGES[res.status] ?? `The server could not do this (HTTP ${res.status}). Try again in a moment.`;
  return new ApiError(res.status, 'HTTP_' + res.status, message);
}

export function messageOf(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  if (err instanceof TypeError) return 'The panel cannot reach the server. Check your connection and try again.';
  return err instanceof Error ? err.message : 'Something went wrong.';
}
