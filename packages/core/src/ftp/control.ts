// The local control channel: a unix socket at DATA_DIR/control.sock (mode 0600, so only the
// service's user) speaking newline-delimited JSON, one request and one answer per line. The CLI
// uses it to list and kick live sessions of the running service.
import { chmod, unlink } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import type { LiveSession } from '../events/types.ts';

export type ControlRequest = { cmd: 'sessions' } | { cmd: 'kick'; sessionId: string } | { cmd: 'kick-account'; username: string } | { cmd: 'ping' };
export type ControlResponse =
  | { ok: true; sessions: LiveSession[] }
  | { ok: true; kicked: number }
  | { ok: true; pong: true }
  | { ok: false; error: string };

export type ControlHandler = {
  sessions(): LiveSession[];
  kick(sessionId: string): boolean;
  kickAccount(username: string): number;
};

const MAX_REQUEST_BYTES = 64 * 1024;

export function controlSocketPath(dataDir: string): string {
  return path.join(dataDir, 'control.sock');
}

export class ControlUnavailableError extends Error {
  constructor() {
    super('the FTP service is not running');
    this.name = 'ControlUnavailableError';
  }
}

function answer(handler: ControlHandler, line: string): ControlResponse {
  let request: ControlRequest;
  try {
    request = JSON.parse(line) as ControlRequest;
  } catch {
    return { ok: false, error: 'invalid JSON' };
  }
  switch (request.cmd) {
    case 'ping':
      return { ok: true, pong: true };
    case 'sessions':
      return { ok: true, sessions: handler.sessions() };
    case 'kick':
      return typeof request.sessionId === 'string' ? { ok: true, kicked: handler.kick(request.sessionId) ? 1 : 0 } : { ok: false, error: 'sessionId missing' };
    case 'kick-account':
      return typeof request.username === 'string' ? { ok: true, kicked: handler.kickAccount(request.username) } : { ok: false, error: 'username missing' };
    default:
      return { ok: false, error: 'unknown command' };
  }
}

/** Starts the control socket; a stale socket file from a crashed run is replaced. */
export async function startControlServer(dataDir: string, handler: ControlHandler): Promise<{ path: string; close(): Promise<void> }> {
  const socketPath = controlSocketPath(dataDir);
  if (await isControlRunning(socketPath)) throw new Error(`another FTP service already answers on ${socketPath}`);
  await unlink(socketPath).catch(() => {});
  const server = net.createServer((socket) => {
    let buffer = '';
    socket.setEncoding('utf8');
    socket.on('error', () => {});
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      if (buffer.length > MAX_REQUEST_BYTES) {
        socket.destroy();
        return;
      }
      let newline = buffer.indexOf('\n');
      while (newline >= 0) {
        const line = buffer.slice(0, newline).trim();
        buffer = buffer.slice(newline + 1);
        if (line) socket.write(`${JSON.stringify(answer(handler, line))}\n`);
        newline = buffer.indexOf('\n');
      }
    });
  });
  // The umask-independent way to 0600: create, then chmod before anyone is told the path.
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => {
      server.off('error', reject);
      resolve();
    });
  });
  await chmod(socketPath, 0o600);
  return {
    path: socketPath,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        void unlink(socketPath).catch(() => {});
      }),
  };
}

async function isControlRunning(socketPath: string): Promise<boolean> {
  try {
    await sendControlRequest(socketPath, { cmd: 'ping' }, 1000);
    return true;
  } catch {
    return false;
  }
}

/** One request to the service's control socket; ControlUnavailableError when nothing listens. */
export function sendControlRequest(socketPath: string, request: ControlRequest, timeoutMs = 5000): Promise<ControlResponse> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(socketPath);
    let buffer = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error('the FTP service did not answer in time'));
    }, timeoutMs);
    socket.setEncoding('utf8');
    socket.once('connect', () => socket.write(`${JSON.stringify(request)}\n`));
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      const newline = buffer.indexOf('\n');
      if (newline < 0) return;
      clearTimeout(timer);
      socket.end();
      try {
        resolve(JSON.parse(buffer.slice(0, newline)) as ControlResponse);
      } catch {
        reject(new Error('unreadable answer from the FTP service'));
      }
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      if (error.code === 'ENOENT' || error.code === 'ECONNREFUSED') reject(new ControlUnavailableError());
      else reject(error);
    });
  });
}
