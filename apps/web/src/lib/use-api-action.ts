'use client';
import { useCallback, useState } from 'react';
import { ApiError, messageOf } from './api-error.ts';

export type ActionState = {
  isPending: boolean;
  /** Shown in the alert at the top of the form. */
  formError: string | null;
  /** field -> message, shown next to the inputs. */
  fieldErrors: Record<string, string>;
};

/**
 * Runs one API call for a form and keeps what the person must see: field messages next to the
 * fields the form shows (knownFields), everything else in the form's alert.
 */
export function useApiAction(knownFields: readonly string[] = []) {
  const [state, setState] = useState<ActionState>({ isPending: false, formError: null, fieldErrors: {} });
  const fieldsKey = knownFields.join(',');

  const run = useCallback(
    async <T,>(fn: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> => {
      setState({ isPending: true, formError: null, fieldErrors: {} });
      try {
        const value = await fn();
        setState({ isPending: false, formError: null, fieldErrors: {} });
        return { ok: true, value };
      } catch (err) {
        const fields = fieldsKey ? fieldsKey.split(',') : [];
        const fieldErrors: Record<string, string> = {};
        const stray: string[] = [];
        if (err instanceof ApiError) {
          for (const d of err.details) {
            if (fields.includes(d.field)) fieldErrors[d.field] ??= d.message;
            else stray.push(d.field ? `${d.field}: ${d.message}` : d.message);
          }
        }
        const hasFieldErrors = Object.keys(fieldErrors).length > 0;
        const formError = hasFieldErrors && stray.length === 0 ? `${messageOf(err)} See the highlighted fields.` : [messageOf(err), ...stray].join(' ');
        setState({ isPending: false, formError, fieldErrors });
        return { ok: false, error: err };
      }
    },
    [fieldsKey],
  );

  const clear = useCallback(() => setState({ isPending: false, formError: null, fieldErrors: {} }), []);
  return { ...state, run, clear };
}
