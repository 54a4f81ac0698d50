// Applies live events to the list of sessions (pure, so the reducer is easy to reason about).
import type { LiveSession, PanelEvent } from '@/lib/types.ts';

export function applySessionEvent(sessions: LiveSession[], event: PanelEvent, now = new Date().toISOString()): LiveSession[] {
  switch (event.type) {
    case 'session.opened':
      return [event.session, ...sessions.filter((s) => s.id !== event.session.id)];
    case 'session.closed':
      return sessions.filter((s) => s.id !== event.session.id);
    case 'transfer.started':
      return sessions.map((s) =>
        s.id === event.sessionId
          ? { ...s, transfer: { direction: event.direction, path: event.path, bytes: 0, bytesPerSecond: 0, startedAt: event.startedAt, size: event.size ?? null } }
          : s,
      );
    case 'transfer.progress':
      return sessions.map((s) =>
        s.id === event.sessionId
          ? {
              ...s,
              username: s.username ?? event.username,
              transfer: {
                direction: event.direction,
                path: event.path,
                bytes: event.bytes,
                bytesPerSecond: event.bytesPerSecond,
                startedAt: s.transfer?.startedAt ?? now,
                size: event.size ?? s.transfer?.size ?? null,
              },
            }
          : s,
      );
    case 'transfer.completed':
      return sessions.map((s) => (s.id === event.sessionId ? { ...s, transfer: null } : s));
    default:
      return sessions;
  }
}

export const SESSION_EVENT_TYPES = ['session.opened', 'session.closed', 'transfer.started', 'transfer.progress', 'transfer.completed'] as const;
