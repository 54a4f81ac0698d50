'use client';
import Link from 'next/link';
import { useCallback, useEffect, useState } from 'react';
import { api, messageOf } from '@/lib/api-client.ts';
import { formatBytes, formatRate, percent, timeAgo } from '@/lib/format.ts';
import type { LiveSession } from '@/lib/types.ts';
import { LiveIndicator, usePanelEvents } from '@/components/live/EventStream.tsx';
import { Alert } from '@/components/ui/Alert.tsx';
import { Badge } from '@/components/ui/Badge.tsx';
import { EmptyState } from '@/components/ui/Card.tsx';
import { ProgressBar } from '@/components/ui/Meter.tsx';
import { SESSION_EVENT_TYPES, applySessionEvent } from './live-sessions.ts';

function TransferProgress({ session }: { session: LiveSession }) {
  const t = session.transfer;
  if (!t) return <span className="text-xs text-slate-500">Idle{session.lastCommand ? ` · last ${session.lastCommand}` : ''}</span>;
  const verb = t.direction === 'UPLOAD' ? 'Uploading' : t.direction === 'DOWNLOAD' ? 'Downloading' : 'Listing';
  // size is null when the server cannot know it (uploads without ALLO, listings): no percentage then.
  const pct = t.size ? percent(t.bytes, t.size) : null;
  return (
    <div className="min-w-48 space-y-1" data-testid="transfer-progress" data-bytes={t.bytes} data-rate={t.bytesPerSecond} data-size={t.size ?? undefined}>
      <div className="flex flex-wrap justify-between gap-x-3 text-xs text-slate-700">
        <span className="truncate" title={t.path}>
          {verb} <span className="font-mono">{t.path}</span>
        </span>
        <span className="tabular-nums">
          {formatBytes(t.bytes)}
          {t.size ? ` of ${formatBytes(t.size)}` : ''}
          {pct !== null && <span data-testid="transfer-percent"> ({pct}%)</span>} · <span data-testid="transfer-rate">{formatRate(t.bytesPerSecond)}</span>
        </span>
      </div>
      <ProgressBar value={t.bytes} total={t.size} label={`${verb} ${t.path}`} />
    </div>
  );
}

function KickButton({ session, onKicked }: { session: LiveSession; onKicked: (id: string) => void }) {
  const [isPending, setIsPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const kick = async () => {
    setIsPending(true);
    setError(null);
    try {
      await api.del(`/api/v1/sessions/${encodeURIComponent(session.id)}`);
      onKicked(session.id);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setIsPending(false);
    }
  };
  return (
    <div>
      <button type="button" className="btn btn-sm" onClick={kick} disabled={isPending} aria-label={`Disconnect ${session.username ?? session.remoteIp}`}>
        {isPending ? 'Kicking…' : 'Kick'}
      </button>
      {error && (
        <p role="alert" className="field-error text-xs">
          {error}
        </p>
      )}
    </div>
  );
}

/** Sessions as they are now; SSE keeps them current (opened/closed, transfer progress). */
export function LiveSessionList({ initial, username, loadError, canKick }: { initial: LiveSession[]; username?: string; loadError?: string | null; canKick: boolean }) {
  const [sessions, setSessions] = useState(initial);
  const [, setTick] = useState(0);
  const status = usePanelEvents(SESSION_EVENT_TYPES, (event) => {
    if (username && 'session' in event && event.session.username !== username) return;
    setSessions((list) => applySessionEvent(list, event));
  });

  // Resync after a reconnect: events missed while offline (progress ticks are not replayed).
  const resync = useCallback(async () => {
    try {
      const path = username ? `/api/v1/accounts/${encodeURIComponent(username)}/sessions` : '/api/v1/sessions';
      setSessions(await api.get<LiveSession[]>(path));
    } catch {
      // keep what we have; the indicator shows the stream state
    }
  }, [username]);
  useEffect(() => {
    if (status === 'live') void resync();
  }, [status, resync]);
  // "connected 3 min ago" stays true without events
  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), 15000);
    return () => clearInterval(timer);
  }, []);

  const removeSession = (id: string) => setSessions((list) => list.filter((s) => s.id !== id));

  return (
    <div className="space-y-3" data-testid="live-sessions">
      <div className="flex items-center justify-between text-sm text-slate-600">
        <span>
          {sessions.length} session{sessions.length === 1 ? '' : 's'} online
        </span>
        <LiveIndicator status={status} />
      </div>
      {loadError && <Alert tone="error">{loadError}</Alert>}
      {sessions.length === 0 ? (
        <EmptyState title="Nobody is connected">Sessions appear here as soon as an FTP client connects.</EmptyState>
      ) : (
        <ul className="space-y-2">
          {sessions.map((s) => (
            <li key={s.id} className="card flex flex-col gap-3 p-3 sm:flex-row sm:items-center" data-session-id={s.id} data-username={s.username ?? ''}>
              <div className="min-w-0 sm:w-56">
                <p className="font-medium text-slate-900">
                  {s.username ? (
                    <Link className="link" href={`/admin/accounts/${encodeURIComponent(s.username)}`}>
                      {s.username}
                    </Link>
                  ) : (
                    <span className="text-slate-500">(not signed in)</span>
                  )}{' '}
                  {s.isTls ? <Badge tone="green">TLS</Badge> : <Badge tone="amber">plain</Badge>}
                </p>
                <p className="font-mono text-xs text-slate-500">{s.remoteIp}</p>
                <p className="text-xs text-slate-500">connected {timeAgo(s.connectedAt)}</p>
              </div>
              <div className="min-w-0 flex-1">
                <TransferProgress session={s} />
              </div>
              {canKick && <KickButton session={s} onKicked={removeSession} />}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
