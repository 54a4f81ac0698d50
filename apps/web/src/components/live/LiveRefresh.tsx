'use client';
import { useRouter } from 'next/navigation';
import { useEffect, useRef } from 'react';
import type { PanelEvent } from '@/lib/types.ts';
import { LiveIndicator, usePanelEvents } from './EventStream.tsx';

const MIN_GAP_MS = 2000;

/** Re-renders the server component page when relevant events arrive (throttled) and on a timer. */
export function LiveRefresh({ types, intervalMs }: { types: PanelEvent['type'][]; intervalMs?: number }) {
  const router = useRouter();
  const last = useRef(0);
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);

  const refresh = () => {
    const wait = last.current + MIN_GAP_MS - Date.now();
    if (pending.current) return;
    pending.current = setTimeout(
      () => {
        pending.current = null;
        last.current = Date.now();
        router.refresh();
      },
      Math.max(0, wait),
    );
  };
  const status = usePanelEvents(types, refresh);

  useEffect(() => {
    if (!intervalMs) return;
    const timer = setInterval(() => router.refresh(), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs, router]);
  useEffect(() => () => {
    if (pending.current) clearTimeout(pending.current);
  }, []);

  return <LiveIndicator status={status} />;
}
