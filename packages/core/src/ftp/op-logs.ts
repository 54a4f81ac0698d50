// Operator logs: a wu-ftpd style xferlog of transfers and a one-line-per-failure auth log that
// fail2ban can match (see FAIL2BAN.md). Both are plain appends; a failing write is logged once
// and never disturbs the FTP service.
import { appendFile } from 'node:fs/promises';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** ctime(3) style "Sat Nov 21 12:00:00 2026", as xferlog uses (local time). */
export function ctimeString(date: Date): string {
  return `${DAYS[date.getDay()]} ${MONTHS[date.getMonth()]} ${String(date.getDate()).padStart(2, ' ')} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())} ${date.getFullYear()}`;
}

/** Log fields are space separated: anything that could break a line or a field is replaced. */
function field(text: string): string {
  const cleaned = text.replace(/[\s\u0000-\u001f\u007f]/g, '_');
  return cleaned === '' ? '-' : cleaned;
}

export type XferRecord = {
  endedAt: Date;
  durationMs: number;
  remoteIp: string;
  bytes: number;
  path: string;
  direction: 'UPLOAD' | 'DOWNLOAD';
  username: string;
  isComplete: boolean;
};

/**
 * current-time transfer-time remote-host file-size filename transfer-type special-action-flag
 * direction access-mode username service-name authentication-method authenticated-user-id
 * completion-status
 */
export function formatXferlogLine(r: XferRecord): string {
  const seconds = Math.max(1, Math.round(r.durationMs / 1000));
  return [
    ctimeString(r.endedAt),
    seconds,
    r.remoteIp,
    r.bytes,
    field(r.path),
    'b',
    '_',
    r.direction === 'UPLOAD' ? 'i' : 'o',
    'r',
    field(r.username),
    'ftp',
    '0',
    '*',
    r.isComplete ? 'c' : 'i',
  ].join(' ');
}

export function formatAuthFailureLine(input: { at: Date; username: string; ip: string; sessionId: string }): string {
  const iso = input.at.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return `${iso} ftp-panel auth failure: user=${field(input.username)} ip=${input.ip} session=${field(input.sessionId)}`;
}

type Logger = { warn(obj: Record<string, unknown>, msg?: string): void };

export type OperatorLogs = {
  transfer(record: XferRecord): void;
  authFailure(input: { username: string; ip: string; sessionId: string }): void;
  /** Resolves when every queued line was written (tests, shutdown). */
  drain(): Promise<void>;
};

export function createOperatorLogs(input: { xferlogFile: string | null; authLogFile: string | null; logger: Logger }): OperatorLogs {
  let queue: Promise<void> = Promise.resolve();
  const failed = new Set<string>();
  const append = (file: string, line: string): void => {
    queue = queue.then(() =>
      appendFile(file, `${line}\n`, { mode: 0o640 }).catch((error: unknown) => {
        if (failed.has(file)) return;
        failed.add(file);
        input.logger.warn({ file, err: (error as Error).message }, 'cannot write operator log');
      }),
    );
  };
  return {
    transfer(record) {
      if (input.xferlogFile) append(input.xferlogFile, formatXferlogLine(record));
    },
    authFailure(failure) {
      if (input.authLogFile) append(input.authLogFile, formatAuthFailureLine({ at: new Date(), ...failure }));
    },
    drain: () => queue,
  };
}
