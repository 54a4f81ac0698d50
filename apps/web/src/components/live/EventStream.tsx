'use client';
// One EventSource per signed-in page (/api/v1/events); components subscribe to the event types
// they show. The browser reconnects by itself and resumes with Last-Event-ID.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { EVENT_TYPES } from '@/lib/event-types.ts';
import type { PanelEvent } from '@/lib/types.ts';

type Listener = (event: PanelEvent) => void;
type Stream = { subscribe(listener: Listener): () => void; status: StreamStatus };
export type StreamStatus = 'connecting' | 'live' | 'offline';

// Every type the API streams gets a listener (named SSE events do not reach onmessage).
const STREAMED_TYPES: readonly PanelEvent['type'][] = EVENT_TYPES;

const StreamContext = createContext<Stream | null>(null);

function parseEvent(type: string, data: string): PanelEvent | null {
  try {
    const parsed = JSON.parse(data) as Record<string, unknown>;
    // The data is the PanelEvent itself; tolerate an envelope ({event: ...}) too.
    const event = (typeof parsed.event === 'object' && parsed.event !== null ? parsed.event : parsed) as PanelEvent;
    return event.type ? event : ({ ...(event as object), type } as PanelEvent);
  } catch {
    return null;
  }
}

export function EventStreamProvider({ children }: { children: ReactNode }) {
  const listeners = useRef(new Set<Listener>());
  const [status, setStatus] = useState<StreamStatus>('connecting');

  useEffect(() => {
    const source = new EventSource('/api/v1/events', { withCredentials: true });
    const dispatch = (type: string) => (message: MessageEvent<string>) => {
      const event = parseEvent(type, message.data);
      if (event) for (const listener of listeners.current) listener(event);
    };
    const handlers = STREAMED_TYPES.map((type) => [type, dispatch(type)] as const);
    for (const [type, handler] of handlers) source.addEventListener(type, handler);
    source.onmessage = (m) => {
      const event = parseEvent('message', m.data);
      if (event) for (const listener of listeners.current) listener(event);
    };
    source.onopen = () => setStatus('live');
    source.onerror = () => setStatus(source.readyState === EventSource.CLOSED ? 'offline' : 'connecting');
    return () => source.close();
  }, []);

  const subscribe = useCallback((listener: Listener) => {
    listeners.current.add(listener);
    return () => {
      listeners.current.delete(listener);
    };
  }, []);
  const value = useMemo<Stream>(() => ({ subscribe, status }), [subscribe, status]);
  return <StreamContext.Provider value={value}>{children}</StreamContext.Provider>;
}

/** Calls onEvent for every event whose type is in types (latest callback wins, no resubscribe). */
export function usePanelEvents(types: readonly PanelEvent['type'][], onEvent: (event: PanelEvent) => void): StreamStatus {
  const stream = useContext(StreamContext);
  const callback = useRef(onEvent);
  useEffect(() => {
    callback.current = onEvent;
  });
  const typesKey = types.join(',');
  const subscribe = stream?.subscribe;
  useEffect(() => {
    if (!subscribe) return;
    const wanted = new Set(typesKey.split(','));
    return subscribe((event) => {
      if (wanted.has(event.type)) callback.current(event);
    });
  }, [subscribe, typesKey]);
  return stream?.status ?? 'offline';
}

export function LiveIndicator({ status }: { status: StreamStatus }) {
  const text = status === 'live' ? 'Live' : status === 'connecting' ? 'Connecting…' : 'Offline';
  const dot = status === 'live' ? 'bg-emerald-500' : status === 'connecting' ? 'bg-amber-400' : 'bg-slate-400';
  return (
    <span className="inline-flex items-center gap-1.5 text-xs font-medium text-slate-600" role="status" data-stream-status={status}>
      <span className={`h-2 w-2 rounded-full ${dot} ${status === 'live' ? 'animate-pulse' : ''}`} aria-hidden="true" />
      {text}
    </span>
  );
}
