// Turns the engine's events into PanelEvents on the bus (sessions, logins with their outcome,
// transfers with progress) and feeds the operator logs. Listings are not transfers of files and
// are neither published nor stored.
import type { FtpServer, SessionInfo, TransferDirection as EngineDirection } from '@ftp-panel/ftp-server';
import type { EventBus, LiveSession, TransferDirection } from '../events/types.ts';
import type { AccountRegistry } from './account-registry.ts';
import type { OperatorLogs } from './op-logs.ts';

export function toLiveSession(info: SessionInfo): LiveSession {
  const transfer = info.transfer;
  return {
    id: info.id,
    accountId: info.accountId,
    username: info.accountId ? info.username : null,
    remoteIp: info.remoteAddress,
    connectedAt: info.connectedAt.toISOString(),
    isTls: info.isTls,
    lastCommand: info.lastCommand,
    transfer: transfer
      ? {
          direction: transfer.direction === 'list' ? 'LIST' : toDirection(transfer.direction),
          path: transfer.path,
          bytes: transfer.bytes,
          bytesPerSecond: transfer.bytesPerSecond,
          startedAt: transfer.startedAt.toISOString(),
          size: transfer.size,
        }
      : null,
  };
}

function toDirection(direction: Exclude<EngineDirection, 'list'>): TransferDirection {
  return direction === 'upload' ? 'UPLOAD' : 'DOWNLOAD';
}

export function attachLiveEvents(input: {
  server: FtpServer;
  bus: EventBus;
  accounts: AccountRegistry;
  logs: OperatorLogs;
}): void {
  const { server, bus, accounts, logs } = input;

  server.on('session:open', (session) => bus.publish({ type: 'session.opened', session: toLiveSession(session) }));
  server.on('session:close', (session) => {
    accounts.release(session.id);
    bus.publish({ type: 'session.closed', session: toLiveSession(session) });
  });

  server.on('login:ok', ({ session, username, outcome }) => {
    bus.publish({
      type: 'login.succeeded',
      accountId: outcome.accountId ?? '',
      username,
      remoteIp: session.remoteAddress,
      sessionId: session.id,
      channel: 'FTP',
    });
  });

  server.on('login:failed', ({ session, username, outcome }) => {
    // A failed login holds no account; when the hook said yes and the engine refused afterwards
    // (e.g. home unusable), this gives back the session slot the hook took.
    accounts.release(session.id);
    bus.publish({
      type: 'login.failed',
      accountId: outcome.accountId,
      username,
      remoteIp: session.remoteAddress,
      sessionId: session.id,
      reason: outcome.reason,
      channel: 'FTP',
      result: outcome.result,
    });
  });

  server.on('transfer:start', ({ session, direction, path, size }) => {
    if (direction === 'list' || !session.accountId) return;
    bus.publish({
      type: 'transfer.started',
      accountId: session.accountId,
      username: session.username ?? '',
      sessionId: session.id,
      direction: toDirection(direction),
      path,
      remoteIp: session.remoteAddress,
      startedAt: (session.transfer?.startedAt ?? new Date()).toISOString(),
      size,
    });
  });

  server.on('transfer:progress', ({ session, direction, path, bytes, bytesPerSecond, size }) => {
    if (direction === 'list' || !session.accountId) return;
    bus.publish({
      type: 'transfer.progress',
      accountId: session.accountId,
      username: session.username ?? '',
      sessionId: session.id,
      direction: toDirection(direction),
      path,
      bytes,
      bytesPerSecond,
      size,
    });
  });

  server.on('transfer:end', ({ session, direction, path, bytes, durationMs, status }) => {
    if (direction === 'list' || !session.accountId) return;
    const endedAt = new Date();
    const username = session.username ?? '';
    bus.publish({
      type: 'transfer.completed',
      accountId: session.accountId,
      username,
      sessionId: session.id,
      direction: toDirection(direction),
      path,
      bytes,
      durationMs,
      status,
      remoteIp: session.remoteAddress,
      startedAt: new Date(endedAt.getTime() - durationMs).toISOString(),
      endedAt: endedAt.toISOString(),
    });
    logs.transfer({ endedAt, durationMs, remoteIp: session.remoteAddress, bytes, path, direction: toDirection(direction), username, isComplete: status === 'OK' });
  });
}
