'use client';
import { useState } from 'react';
import type { PanelEvent, Transfer } from '@/lib/types.ts';
import { LiveIndicator, usePanelEvents } from '@/components/live/EventStream.tsx';
import { EmptyState } from '@/components/ui/Card.tsx';
import { TransferTable } from './TransferTable.tsx';

type Filters = { account?: string; direction?: string; status?: string; ip?: string };
type CompletedEvent = Extract<PanelEvent, { type: 'transfer.completed' }>;

const MAX_ROWS = 200;

function matches(e: CompletedEvent, f: Filters): boolean {
  return (!f.account || e.username === f.account) && (!f.direction || e.direction === f.direction) && (!f.status || e.status === f.status) && (!f.ip || e.remoteIp === f.ip);
}

/** The log page, plus a live tail that prepends transfers as they complete. */
export function TransferLog({ initial, filters, canTail }: { initial: Transfer[]; filters: Filters; canTail: boolean }) {
  const [rows, setRows] = useState(initial);
  const [isTailing, setIsTailing] = useState(canTail);
  const [fresh, setFresh] = useState(() => new Set<string>());

  const status = usePanelEvents(['transfer.completed'], (event) => {
    if (!isTailing || event.type !== 'transfer.completed' || !matches(event, filters)) return;
    const id = `live-${event.sessionId}-${event.endedAt}-${event.path}`;
    const row: Transfer = { ...event, id, accountId: event.accountId ?? null };
    setRows((list) => [row, ...list.filter((r) => r.id !== id)].slice(0, MAX_ROWS));
    setFresh((s) => new Set(s).add(id));
  });

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input type="checkbox" className="h-4 w-4" checked={isTailing} disabled={!canTail} onChange={(e) => setIsTailing(e.target.checked)} />
          Live tail: add transfers as they finish
        </label>
        {isTailing && <LiveIndicator status={status} />}
      </div>
      {rows.length === 0 ? <EmptyState title="No transfers match">Transfers appear here when FTP clients upload or download files.</EmptyState> : <TransferTable transfers={rows} highlightIds={fresh} />}
    </div>
  );
}
